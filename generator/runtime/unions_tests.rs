// Unit tests of `unions.rs`, compiled with the generator's tests only.
