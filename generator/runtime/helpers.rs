//! The runtime the emitted code calls: spliced into the output as the `__helpers`
//! module, item by item, so a model gets only the parts its types use (see
//! `emit::runtime` for the rule). Written as ordinary Rust so the compiler, clippy and
//! the unit tests in `runtime/tests.rs` see it; paths stay fully qualified because the
//! module lands beside arbitrary user code (a model may be named `Option` or `Result`).

/// A struct read from the entries of a map.
pub trait FromMap<'de>: ::std::marker::Sized {
    /// What the visitor expects, for error messages.
    const EXPECTING: &'static str;
    fn from_map<A: ::serde::de::MapAccess<'de>>(map: A) -> ::std::result::Result<Self, A::Error>;
}

struct Object<T>(::std::marker::PhantomData<T>);

impl<'de, T: FromMap<'de>> ::serde::de::Visitor<'de> for Object<T> {
    type Value = T;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        map: A,
    ) -> ::std::result::Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Deserializes a struct from a map; anything else is an error.
pub fn object<'de, T: FromMap<'de>, D: ::serde::Deserializer<'de>>(
    d: D,
) -> ::std::result::Result<T, D::Error> {
    d.deserialize_map(Object(::std::marker::PhantomData))
}

/// A map key or a string enum's value, borrowed from the input when it can be.
pub struct Key<'de>(::std::borrow::Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> ::std::string::String {
        self.0.into_owned()
    }
}

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> ::serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: ::serde::de::Error>(
                self,
                s: &'de str,
            ) -> ::std::result::Result<Key<'de>, E> {
                ::std::result::Result::Ok(Key(::std::borrow::Cow::Borrowed(s)))
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                s: &str,
            ) -> ::std::result::Result<Key<'de>, E> {
                ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: ::serde::de::Error>(
                self,
                s: ::std::string::String,
            ) -> ::std::result::Result<Key<'de>, E> {
                ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(s)))
            }
            // UTF-8 bytes, as `String` takes them from formats that send
            // strings that way.
            fn visit_borrowed_bytes<E: ::serde::de::Error>(
                self,
                b: &'de [u8],
            ) -> ::std::result::Result<Key<'de>, E> {
                match ::std::str::from_utf8(b) {
                    ::std::result::Result::Ok(s) => self.visit_borrowed_str(s),
                    ::std::result::Result::Err(_) => ::std::result::Result::Err(E::invalid_value(
                        ::serde::de::Unexpected::Bytes(b),
                        &self,
                    )),
                }
            }
            fn visit_bytes<E: ::serde::de::Error>(
                self,
                b: &[u8],
            ) -> ::std::result::Result<Key<'de>, E> {
                match ::std::str::from_utf8(b) {
                    ::std::result::Result::Ok(s) => self.visit_str(s),
                    ::std::result::Result::Err(_) => ::std::result::Result::Err(E::invalid_value(
                        ::serde::de::Unexpected::Bytes(b),
                        &self,
                    )),
                }
            }
        }
        d.deserialize_str(V)
    }
}

/// Why text names no value of an enum without a catch-all variant: the
/// `FromStr` error of such an enum, naming the enum and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    enum_name: &'static str,
    value: ::std::string::String,
}

impl UnknownValue {
    /// `value` names no value of the enum `enum_name`.
    pub fn new(enum_name: &'static str, value: &str) -> Self {
        UnknownValue {
            enum_name,
            value: value.to_owned(),
        }
    }

    /// The enum's name.
    pub fn enum_name(&self) -> &'static str {
        self.enum_name
    }

    /// The text that names none of its values.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl ::std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "{:?} is not a value of {}", self.value, self.enum_name)
    }
}

impl ::std::error::Error for UnknownValue {}

/// The entries of a map being read into a struct.
pub struct Fields<A> {
    map: A,
}

impl<'de, A: ::serde::de::MapAccess<'de>> Fields<A> {
    pub fn new(map: A) -> Self {
        Fields { map }
    }
    pub fn next_key(&mut self) -> ::std::result::Result<::std::option::Option<Key<'de>>, A::Error> {
        self.map.next_key()
    }
    /// Reads a field's value into its slot, once: a second key for the same
    /// field (two spellings of it, say) is an error.
    fn put<T>(
        &mut self,
        slot: &mut ::std::option::Option<T>,
        key: &'static str,
        read: impl ::std::ops::FnOnce(&mut A) -> ::std::result::Result<T, A::Error>,
    ) -> ::std::result::Result<(), A::Error> {
        if slot.is_some() {
            return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::duplicate_field(
                key,
            ));
        }
        *slot = ::std::option::Option::Some(read(&mut self.map)?);
        ::std::result::Result::Ok(())
    }
    /// The value as its type reads it (`null` is `None` for an `Option`).
    pub fn field<T: ::serde::Deserialize<'de>>(
        &mut self,
        slot: &mut ::std::option::Option<T>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| m.next_value())
    }
    /// A present key, `null` included, is `Some`: keeps `null` apart from absent.
    // rustfmt would put the closure body in braces, which the output does not have.
    #[rustfmt::skip]
    pub fn some<T: ::serde::Deserialize<'de>>(
        &mut self,
        slot: &mut ::std::option::Option<::std::option::Option<T>>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| m.next_value().map(::std::option::Option::Some))
    }
    /// A timestamp, read leniently.
    pub fn time(
        &mut self,
        slot: &mut ::std::option::Option<::chrono::DateTime<::chrono::Utc>>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| m.next_value::<Lenient>().map(|l| l.0))
    }
    /// A timestamp or `null`, read leniently.
    pub fn opt_time(
        &mut self,
        slot: &mut ::std::option::Option<::std::option::Option<::chrono::DateTime<::chrono::Utc>>>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        // The closure body in braces: prettyplease prints a bare method chain
        // there differently on a second pass, and the output must be a fixed point.
        self.put(slot, key, |m| {
            m.next_value::<::std::option::Option<Lenient>>()
                .map(|o| o.map(|l| l.0))
        })
    }
    /// A timestamp or `null`, read leniently; `null` is kept apart from absent.
    pub fn some_opt_time(
        &mut self,
        slot: &mut ::std::option::Option<
            ::std::option::Option<::std::option::Option<::chrono::DateTime<::chrono::Utc>>>,
        >,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| {
            m.next_value::<::std::option::Option<Lenient>>()
                .map(|o| ::std::option::Option::Some(o.map(|l| l.0)))
        })
    }
    /// A date.
    pub fn date(
        &mut self,
        slot: &mut ::std::option::Option<::chrono::NaiveDate>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| m.next_value::<Day>().map(|l| l.0))
    }
    /// A date or `null`.
    pub fn opt_date(
        &mut self,
        slot: &mut ::std::option::Option<::std::option::Option<::chrono::NaiveDate>>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| {
            m.next_value::<::std::option::Option<Day>>()
                .map(|o| o.map(|l| l.0))
        })
    }
    /// A date or `null`; `null` is kept apart from absent.
    pub fn some_opt_date(
        &mut self,
        slot: &mut ::std::option::Option<
            ::std::option::Option<::std::option::Option<::chrono::NaiveDate>>,
        >,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| {
            m.next_value::<::std::option::Option<Day>>()
                .map(|o| ::std::option::Option::Some(o.map(|l| l.0)))
        })
    }
    /// A value holding integers (in lists, maps or nullable elements too), which
    /// also take a float with an integral value (`25.0`, `1e3`).
    #[rustfmt::skip]
    pub fn scalar<T: Scalar<'de, Strict>>(
        &mut self,
        slot: &mut ::std::option::Option<T>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| m.next_value_seed(Seed::<Strict, T>::new(key)))
    }
    /// As `scalar`; `null` is kept apart from absent.
    #[rustfmt::skip]
    pub fn some_scalar<T: Scalar<'de, Strict>>(
        &mut self,
        slot: &mut ::std::option::Option<::std::option::Option<T>>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| {
            m.next_value_seed(Seed::<Strict, T>::new(key))
                .map(::std::option::Option::Some)
        })
    }
    /// A value holding numbers or booleans, which also take them sent as
    /// strings (`"123"`, `"true"`), and integers integral floats.
    pub fn lax<T: Scalar<'de, Lax>>(
        &mut self,
        slot: &mut ::std::option::Option<T>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| m.next_value_seed(Seed::<Lax, T>::new(key)))
    }
    /// As `lax`; `null` is kept apart from absent.
    #[rustfmt::skip]
    pub fn some_lax<T: Scalar<'de, Lax>>(
        &mut self,
        slot: &mut ::std::option::Option<::std::option::Option<T>>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        self.put(slot, key, |m| {
            m.next_value_seed(Seed::<Lax, T>::new(key))
                .map(::std::option::Option::Some)
        })
    }
    /// Skips the value of a key the struct does not declare.
    pub fn skip(&mut self) -> ::std::result::Result<(), A::Error> {
        self.map.next_value::<::serde::de::IgnoredAny>().map(|_| ())
    }
    /// Skips every entry, for a struct that declares no keys and keeps none (so it
    /// needs no `Key`).
    pub fn skip_all(mut self) -> ::std::result::Result<(), A::Error> {
        while self
            .map
            .next_entry::<::serde::de::IgnoredAny, ::serde::de::IgnoredAny>()?
            .is_some()
        {}
        ::std::result::Result::Ok(())
    }
    /// Keeps the value of a key the struct does not declare, as it came.
    pub fn keep<T: ::serde::Deserialize<'de>>(
        &mut self,
        extra: &mut ::std::collections::BTreeMap<::std::string::String, T>,
        key: Key<'de>,
    ) -> ::std::result::Result<(), A::Error> {
        let value = self.map.next_value()?;
        extra.insert(key.into_string(), value);
        ::std::result::Result::Ok(())
    }
    /// Keeps the value of an undeclared key in documented extra properties
    /// holding integers, read as `scalar` reads them.
    pub fn keep_scalar<T: Scalar<'de, Strict>>(
        &mut self,
        extra: &mut ::std::collections::BTreeMap<::std::string::String, T>,
        key: Key<'de>,
    ) -> ::std::result::Result<(), A::Error> {
        let value = self
            .map
            .next_value_seed(Seed::<Strict, T>::new(key.as_str()))?;
        extra.insert(key.into_string(), value);
        ::std::result::Result::Ok(())
    }
    /// Keeps the value of an undeclared key in documented extra properties
    /// holding numbers or booleans, read as `lax` reads them.
    pub fn keep_lax<T: Scalar<'de, Lax>>(
        &mut self,
        extra: &mut ::std::collections::BTreeMap<::std::string::String, T>,
        key: Key<'de>,
    ) -> ::std::result::Result<(), A::Error> {
        let value = self
            .map
            .next_value_seed(Seed::<Lax, T>::new(key.as_str()))?;
        extra.insert(key.into_string(), value);
        ::std::result::Result::Ok(())
    }
    /// Keeps the value of a key the struct does not declare, as JSON text.
    pub fn keep_text(
        &mut self,
        extra: &mut UnknownKeys,
        key: Key<'de>,
    ) -> ::std::result::Result<(), A::Error> {
        extra
            .push_key(key.as_str())
            .map_err(<A::Error as ::serde::de::Error>::custom)?;
        self.map.next_value_seed(Text(&mut extra.json, 0))?;
        extra.json.push(b'}');
        ::std::result::Result::Ok(())
    }
}

/// The error for a key that must be present and is not.
#[cold]
pub fn missing<E: ::serde::de::Error>(key: &'static str) -> E {
    E::missing_field(key)
}

/// How `Scalar` reads numbers and booleans: `Strict`, `Lax` or `InUnion`.
pub trait Mode {
    /// Whether numbers and booleans sent as strings are taken.
    const LAX: bool;
    /// Whether an integer is asked for with `deserialize_any` rather than
    /// `deserialize_i64`: serde's buffer of an untagged union's value hands its
    /// numbers to `deserialize_any` only, and strings come only that way. The
    /// other way suits serde_json better: its numbers stay numbers with its
    /// `arbitrary_precision` feature (`deserialize_any` sees a map there).
    const ASK_ANY: bool;
}

/// Integers also take floats with an integral value (`25.0`, `1e3`): APIs
/// whose backend computes in floats send them for integer fields.
pub struct Strict;

impl Mode for Strict {
    const LAX: bool = false;
    const ASK_ANY: bool = false;
}

/// As `Strict`, and numbers and booleans sent as strings are taken too
/// (`"123"`, `"1.5"`, `"true"`, `"1"`); values are written back as numbers
/// and booleans.
pub struct Lax;

impl Mode for Lax {
    const LAX: bool = true;
    const ASK_ANY: bool = true;
}

/// As `Strict`, for a member of an untagged union (read from serde's buffer).
pub struct InUnion;

impl Mode for InUnion {
    const LAX: bool = false;
    const ASK_ANY: bool = true;
}

/// A value read the `M` way: an integer, float or boolean, or lists, maps
/// or nullable elements of them. `key` names the field in error messages
/// (``expected i64 in field `frameRate` ``); empty for a union member.
pub trait Scalar<'de, M>: ::std::marker::Sized {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<Self, D::Error>;
}

/// Reads a `Scalar` where serde asks for a `Deserialize`: a map's value, a
/// list's element.
struct Seed<'k, M, T>(&'k str, ::std::marker::PhantomData<fn() -> (M, T)>);

impl<'k, M, T> Seed<'k, M, T> {
    fn new(key: &'k str) -> Self {
        Seed(key, ::std::marker::PhantomData)
    }
}

impl<'de, M, T: Scalar<'de, M>> ::serde::de::DeserializeSeed<'de> for Seed<'_, M, T> {
    type Value = T;
    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> ::std::result::Result<T, D::Error> {
        T::read(d, self.0)
    }
}

/// What a reader expects, and the field it reads, for error messages.
fn expected_in(f: &mut ::std::fmt::Formatter<'_>, what: &str, key: &str) -> ::std::fmt::Result {
    f.write_str(what)?;
    if key.is_empty() {
        return ::std::result::Result::Ok(());
    }
    f.write_str(" in field `")?;
    f.write_str(key)?;
    f.write_str("`")
}

/// An integer type of the output.
pub trait Integer: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64> {
    const NAME: &'static str;
}

impl Integer for i64 {
    const NAME: &'static str = "i64";
}

impl Integer for i32 {
    const NAME: &'static str = "i32";
}

/// An integral float as an `i64`, when it is one: within i64's range (2^63
/// is the first float past it) and without a fractional part (NaN and the
/// infinities have none to test, so they fail it).
fn integral(x: f64) -> ::std::option::Option<i64> {
    (x.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x))
        .then_some(x as i64)
}

/// Reads an integer: a JSON integer in the type's range, or a float with an
/// integral value in it; with `strings`, either of them sent as a string.
struct IntVisitor<'k, T> {
    key: &'k str,
    /// Whether strings are read (`Lax`).
    strings: bool,
    ty: ::std::marker::PhantomData<T>,
}

impl<'de, T: Integer> ::serde::de::Visitor<'de> for IntVisitor<'_, T> {
    type Value = T;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        expected_in(f, T::NAME, self.key)
    }
    fn visit_i64<E: ::serde::de::Error>(self, n: i64) -> ::std::result::Result<T, E> {
        T::try_from(n).map_err(|_| E::invalid_value(::serde::de::Unexpected::Signed(n), &self))
    }
    fn visit_u64<E: ::serde::de::Error>(self, n: u64) -> ::std::result::Result<T, E> {
        T::try_from(n).map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(n), &self))
    }
    fn visit_f64<E: ::serde::de::Error>(self, x: f64) -> ::std::result::Result<T, E> {
        integral(x)
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Float(x), &self))
    }
    fn visit_str<E: ::serde::de::Error>(self, s: &str) -> ::std::result::Result<T, E> {
        if !self.strings {
            return ::std::result::Result::Err(E::invalid_type(
                ::serde::de::Unexpected::Str(s),
                &self,
            ));
        }
        s.parse::<i64>()
            .ok()
            .or_else(|| s.parse::<f64>().ok().and_then(integral))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(s), &self))
    }
}

/// Reads an integer the `M` way.
fn int<'de, M: Mode, T: Integer, D: ::serde::Deserializer<'de>>(
    d: D,
    key: &str,
) -> ::std::result::Result<T, D::Error> {
    let v = IntVisitor {
        key,
        strings: M::LAX,
        ty: ::std::marker::PhantomData,
    };
    // serde_json hands `deserialize_i64` its floats too, to `visit_f64`.
    if M::ASK_ANY {
        d.deserialize_any(v)
    } else {
        d.deserialize_i64(v)
    }
}

impl<'de, M: Mode> Scalar<'de, M> for i64 {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<i64, D::Error> {
        int::<M, i64, D>(d, key)
    }
}

impl<'de, M: Mode> Scalar<'de, M> for i32 {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<i32, D::Error> {
        int::<M, i32, D>(d, key)
    }
}

/// A float type of the output.
pub trait Real: ::std::str::FromStr {
    const NAME: &'static str;
    fn of(x: f64) -> Self;
    fn finite(&self) -> bool;
}

impl Real for f64 {
    const NAME: &'static str = "f64";
    fn of(x: f64) -> f64 {
        x
    }
    fn finite(&self) -> bool {
        self.is_finite()
    }
}

impl Real for f32 {
    const NAME: &'static str = "f32";
    fn of(x: f64) -> f32 {
        // As serde reads an f32 from a JSON number.
        x as f32
    }
    fn finite(&self) -> bool {
        self.is_finite()
    }
}

/// Reads a float from any JSON number, or a finite number sent as a string
/// (`Lax` only: a `Strict` float reads as its type does).
struct RealVisitor<'k, T>(&'k str, ::std::marker::PhantomData<T>);

impl<'de, T: Real> ::serde::de::Visitor<'de> for RealVisitor<'_, T> {
    type Value = T;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        expected_in(f, T::NAME, self.0)
    }
    fn visit_i64<E: ::serde::de::Error>(self, n: i64) -> ::std::result::Result<T, E> {
        ::std::result::Result::Ok(T::of(n as f64))
    }
    fn visit_u64<E: ::serde::de::Error>(self, n: u64) -> ::std::result::Result<T, E> {
        ::std::result::Result::Ok(T::of(n as f64))
    }
    fn visit_f64<E: ::serde::de::Error>(self, x: f64) -> ::std::result::Result<T, E> {
        ::std::result::Result::Ok(T::of(x))
    }
    fn visit_str<E: ::serde::de::Error>(self, s: &str) -> ::std::result::Result<T, E> {
        // Parsed as its own type (an f32 rounded once); "NaN", "inf" and what
        // overflows parse too, but JSON cannot carry them.
        match s.parse::<T>() {
            ::std::result::Result::Ok(x) if x.finite() => ::std::result::Result::Ok(x),
            _ => {
                ::std::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Str(s), &self))
            }
        }
    }
}

impl<'de> Scalar<'de, Lax> for f64 {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<f64, D::Error> {
        d.deserialize_any(RealVisitor(key, ::std::marker::PhantomData))
    }
}

impl<'de> Scalar<'de, Lax> for f32 {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<f32, D::Error> {
        d.deserialize_any(RealVisitor(key, ::std::marker::PhantomData))
    }
}

/// Reads a boolean, or one sent as `"true"` or `"false"`, and, with `digits`,
/// `"1"` or `"0"` (`Lax` only: a `Strict` boolean reads as `bool` does).
struct BoolVisitor<'k> {
    key: &'k str,
    digits: bool,
}

impl<'de> ::serde::de::Visitor<'de> for BoolVisitor<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        expected_in(f, "a boolean", self.key)
    }
    fn visit_bool<E: ::serde::de::Error>(self, b: bool) -> ::std::result::Result<bool, E> {
        ::std::result::Result::Ok(b)
    }
    fn visit_str<E: ::serde::de::Error>(self, s: &str) -> ::std::result::Result<bool, E> {
        match (s, self.digits) {
            ("true", _) | ("1", true) => ::std::result::Result::Ok(true),
            ("false", _) | ("0", true) => ::std::result::Result::Ok(false),
            _ => {
                ::std::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Str(s), &self))
            }
        }
    }
}

impl<'de> Scalar<'de, Lax> for bool {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<bool, D::Error> {
        d.deserialize_any(BoolVisitor { key, digits: true })
    }
}

/// `null` is `None`, anything else the element.
struct OptVisitor<'k, M, T>(Seed<'k, M, T>);

impl<'de, M, T: Scalar<'de, M>> ::serde::de::Visitor<'de> for OptVisitor<'_, M, T> {
    type Value = ::std::option::Option<T>;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        expected_in(f, "a value or null", self.0 .0)
    }
    fn visit_none<E: ::serde::de::Error>(
        self,
    ) -> ::std::result::Result<::std::option::Option<T>, E> {
        ::std::result::Result::Ok(::std::option::Option::None)
    }
    fn visit_unit<E: ::serde::de::Error>(
        self,
    ) -> ::std::result::Result<::std::option::Option<T>, E> {
        ::std::result::Result::Ok(::std::option::Option::None)
    }
    fn visit_some<D: ::serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> ::std::result::Result<::std::option::Option<T>, D::Error> {
        T::read(d, self.0 .0).map(::std::option::Option::Some)
    }
}

impl<'de, M, T: Scalar<'de, M>> Scalar<'de, M> for ::std::option::Option<T> {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<::std::option::Option<T>, D::Error> {
        d.deserialize_option(OptVisitor(Seed::<M, T>::new(key)))
    }
}

/// A list, each element read as a `Scalar`.
struct ListVisitor<'k, M, T>(Seed<'k, M, T>);

impl<'de, M, T: Scalar<'de, M>> ::serde::de::Visitor<'de> for ListVisitor<'_, M, T> {
    type Value = ::std::vec::Vec<T>;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        expected_in(f, "a list", self.0 .0)
    }
    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> ::std::result::Result<::std::vec::Vec<T>, A::Error> {
        // A hint from the input is capped, as serde caps it: it may be a lie.
        let mut out = ::std::vec::Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let ::std::option::Option::Some(v) = seq.next_element_seed(Seed::new(self.0 .0))? {
            out.push(v);
        }
        ::std::result::Result::Ok(out)
    }
}

impl<'de, M, T: Scalar<'de, M>> Scalar<'de, M> for ::std::vec::Vec<T> {
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<::std::vec::Vec<T>, D::Error> {
        d.deserialize_seq(ListVisitor(Seed::<M, T>::new(key)))
    }
}

/// A map, each value read as a `Scalar`; a key sent twice keeps its last
/// value, as serde's own map does.
struct MapVisitor<'k, M, T>(Seed<'k, M, T>);

impl<'de, M, T: Scalar<'de, M>> ::serde::de::Visitor<'de> for MapVisitor<'_, M, T> {
    type Value = ::std::collections::BTreeMap<::std::string::String, T>;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        expected_in(f, "a map", self.0 .0)
    }
    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> ::std::result::Result<::std::collections::BTreeMap<::std::string::String, T>, A::Error>
    {
        let mut out = ::std::collections::BTreeMap::new();
        while let ::std::option::Option::Some(k) = map.next_key::<::std::string::String>()? {
            let v = map.next_value_seed(Seed::new(self.0 .0))?;
            out.insert(k, v);
        }
        ::std::result::Result::Ok(out)
    }
}

impl<'de, M, T: Scalar<'de, M>> Scalar<'de, M>
    for ::std::collections::BTreeMap<::std::string::String, T>
{
    fn read<D: ::serde::Deserializer<'de>>(
        d: D,
        key: &str,
    ) -> ::std::result::Result<::std::collections::BTreeMap<::std::string::String, T>, D::Error>
    {
        d.deserialize_map(MapVisitor(Seed::<M, T>::new(key)))
    }
}

/// Reads a union member holding integers: integral floats are taken as field
/// values are.
pub fn int_member<'de, T: Scalar<'de, InUnion>, D: ::serde::Deserializer<'de>>(
    d: D,
) -> ::std::result::Result<T, D::Error> {
    T::read(d, "")
}

/// Reads a union member holding numbers or booleans, sent as strings too.
pub fn lax_member<'de, T: Scalar<'de, Lax>, D: ::serde::Deserializer<'de>>(
    d: D,
) -> ::std::result::Result<T, D::Error> {
    T::read(d, "")
}

/// Reads a boolean union member, sent as `"true"` or `"false"` too, in a union
/// with a number member, which `"1"` and `"0"` are left to.
pub fn lax_bool_member<'de, D: ::serde::Deserializer<'de>>(
    d: D,
) -> ::std::result::Result<bool, D::Error> {
    d.deserialize_any(BoolVisitor {
        key: "",
        digits: false,
    })
}

/// A member's `read` where the union has its type once: the member `M` as it reads
/// itself, into the union through `From`. A function, not a closure per member, so
/// a member adds a table entry and no code to compile.
pub fn read_as<M: ::serde::de::DeserializeOwned, U: ::std::convert::From<M>>(
    v: &::serde_json::Value,
) -> ::std::result::Result<U, ::serde_json::Error> {
    <M as ::serde::Deserialize>::deserialize(v).map(U::from)
}

/// `read_as` for a member holding integers (`int_member`).
pub fn read_int_as<M: for<'a> Scalar<'a, InUnion>, U: ::std::convert::From<M>>(
    v: &::serde_json::Value,
) -> ::std::result::Result<U, ::serde_json::Error> {
    int_member(v).map(U::from)
}

/// `read_as` for a member holding numbers or booleans sent as strings too
/// (`lax_member`).
pub fn read_lax_as<M: for<'a> Scalar<'a, Lax>, U: ::std::convert::From<M>>(
    v: &::serde_json::Value,
) -> ::std::result::Result<U, ::serde_json::Error> {
    lax_member(v).map(U::from)
}

/// `read_as` for a boolean member that leaves `"1"` and `"0"` to a number member
/// (`lax_bool_member`).
pub fn read_lax_bool_as<U: ::std::convert::From<bool>>(
    v: &::serde_json::Value,
) -> ::std::result::Result<U, ::serde_json::Error> {
    lax_bool_member(v).map(U::from)
}

/// A union member holding integers, from a buffered value: `25.0` reads as
/// `25`, `25.5` is an error. For union readers that buffer their input.
pub fn int_from_value<T: for<'a> Scalar<'a, Strict>>(
    v: &::serde_json::Value,
) -> ::std::result::Result<T, ::serde_json::Error> {
    T::read(v, "")
}

/// A union member holding numbers or booleans, from a buffered value, also
/// sent as strings (`"123"`, `"true"`).
pub fn lax_from_value<T: for<'a> Scalar<'a, Lax>>(
    v: &::serde_json::Value,
) -> ::std::result::Result<T, ::serde_json::Error> {
    T::read(v, "")
}

/// A timestamp as APIs send it: RFC 3339 with any offset, a date-time
/// without offset or a bare date (both taken as UTC), or integer epoch
/// seconds. It keeps its instant and is written back as RFC 3339.
struct Lenient(::chrono::DateTime<::chrono::Utc>);

impl<'de> ::serde::Deserialize<'de> for Lenient {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl ::serde::de::Visitor<'_> for V {
            type Value = Lenient;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("an RFC 3339 timestamp, a date, or epoch seconds")
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                s: &str,
            ) -> ::std::result::Result<Lenient, E> {
                use ::chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
                if let ::std::result::Result::Ok(t) = DateTime::parse_from_rfc3339(s) {
                    return ::std::result::Result::Ok(Lenient(t.with_timezone(&Utc)));
                }
                for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
                    if let ::std::result::Result::Ok(t) = NaiveDateTime::parse_from_str(s, format) {
                        return ::std::result::Result::Ok(Lenient(t.and_utc()));
                    }
                }
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|t| Lenient(t.and_utc()))
                    .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(s), &self))
            }
            fn visit_i64<E: ::serde::de::Error>(self, n: i64) -> ::std::result::Result<Lenient, E> {
                ::chrono::DateTime::from_timestamp(n, 0)
                    .map(Lenient)
                    .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Signed(n), &self))
            }
            fn visit_u64<E: ::serde::de::Error>(self, n: u64) -> ::std::result::Result<Lenient, E> {
                let signed = i64::try_from(n)
                    .map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(n), &self))?;
                self.visit_i64(signed)
            }
        }
        d.deserialize_any(V)
    }
}

/// A date (`2024-01-31`), read as `chrono::NaiveDate` reads it.
struct Day(::chrono::NaiveDate);

impl<'de> ::serde::Deserialize<'de> for Day {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl ::serde::de::Visitor<'_> for V {
            type Value = Day;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a formatted date string")
            }
            fn visit_str<E: ::serde::de::Error>(self, s: &str) -> ::std::result::Result<Day, E> {
                if let ::std::option::Option::Some(d) = ymd(s.as_bytes()) {
                    return ::std::result::Result::Ok(Day(d));
                }
                // Anything else (signed or long years, spaces, bad dates) as
                // chrono reads it, so its result and errors are chrono's own.
                s.parse().map(Day).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// `YYYY-MM-DD` in ASCII digits, when it names a real date.
fn ymd(b: &[u8]) -> ::std::option::Option<::chrono::NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = b else {
        return ::std::option::Option::None;
    };
    let mut n = 0u32;
    for c in [y0, y1, y2, y3, m0, m1, d0, d1] {
        if !c.is_ascii_digit() {
            return ::std::option::Option::None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    // n is YYYYMMDD: at most 99,991,231, so the year fits an i32.
    ::chrono::NaiveDate::from_ymd_opt((n / 10_000) as i32, n / 100 % 100, n % 100)
}

/// A float written as APIs send it: an integral value as an integer (`1800`,
/// not `1800.0`), any other in its own precision (`7.9` for an `f32`, not
/// the `7.900000095367432` its widening to `f64` would print).
pub trait Float: ::std::marker::Copy {
    fn write<S: ::serde::Serializer>(self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
}

impl Float for f64 {
    fn write<S: ::serde::Serializer>(self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        // Below 2^53 every integral f64 is exactly an i64.
        if self.fract() == 0.0 && self.abs() < 9_007_199_254_740_992.0 {
            s.serialize_i64(self as i64)
        } else {
            s.serialize_f64(self)
        }
    }
}

impl Float for f32 {
    fn write<S: ::serde::Serializer>(self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        // Below 2^24 every integral f32 is exactly an i64, as above.
        if self.fract() == 0.0 && self.abs() < 16_777_216.0 {
            return s.serialize_i64(self as i64);
        }
        // The shortest decimal that reads back as this f32 (`7.9`), written as
        // an f64: `serialize_f32` would print the same through `to_string`
        // but widen to `7.900000095367432` through `to_value`.
        match self.to_string().parse::<f64>() {
            ::std::result::Result::Ok(v) => v.write(s),
            ::std::result::Result::Err(_) => s.serialize_f32(self),
        }
    }
}

/// Writes a float field or union member (see `Float`).
pub fn float<T: Float, S: ::serde::Serializer>(
    v: &T,
    s: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    v.write(s)
}

/// A value with floats inside lists, maps or nullable elements: each float
/// is written as `float` writes it, so `[1800, 1.5]` comes back as sent.
pub trait Floats {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
}

impl Floats for f64 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        float(self, s)
    }
}

impl Floats for f32 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        float(self, s)
    }
}

impl<T: Floats> Floats for ::std::option::Option<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            ::std::option::Option::Some(v) => v.write(s),
            ::std::option::Option::None => s.serialize_none(),
        }
    }
}

impl<T: Floats> Floats for ::std::vec::Vec<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Each))
    }
}

impl<T: Floats> Floats for ::std::collections::BTreeMap<::std::string::String, T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.iter().map(|(k, v)| (k, Each(v))))
    }
}

/// An element of a container, written through `Floats`.
struct Each<'a, T>(&'a T);
impl<T: Floats> ::serde::Serialize for Each<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

/// Writes a value whose floats sit inside lists, maps or nullable elements.
pub fn floats<T: Floats, S: ::serde::Serializer>(
    v: &T,
    s: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    v.write(s)
}

/// Writes a struct as a JSON object, for the emitted `Serialize` impls: one plain
/// call per field, in declaration order. The first error is kept and later calls do
/// nothing, so a field costs a call rather than a `?` and its branch; that, and no
/// wrapper type per float field as `serialize_with` makes, is what keeps a large
/// generated crate quick to compile. Written as a map (what serde's derive does for a
/// struct with flattened keys): the same JSON as a struct.
pub struct Out<S: ::serde::Serializer> {
    map: ::std::result::Result<S::SerializeMap, S::Error>,
}

impl<S: ::serde::Serializer> Out<S> {
    /// `len`: the number of entries, where the struct knows it (no optional field,
    /// no kept keys).
    #[inline]
    pub fn new(s: S, len: ::std::option::Option<usize>) -> Self {
        Out {
            map: s.serialize_map(len),
        }
    }

    /// A field, as its type writes itself.
    #[inline]
    pub fn entry<T: ?::std::marker::Sized + ::serde::Serialize>(&mut self, key: &str, v: &T) {
        self.step(|m| ::serde::ser::SerializeMap::serialize_entry(m, key, v));
    }

    /// Runs one write unless an earlier one failed, and keeps its error.
    #[inline]
    fn step(
        &mut self,
        write: impl ::std::ops::FnOnce(&mut S::SerializeMap) -> ::std::result::Result<(), S::Error>,
    ) {
        if let ::std::result::Result::Ok(m) = &mut self.map {
            if let ::std::result::Result::Err(e) = write(m) {
                self.map = ::std::result::Result::Err(e);
            }
        }
    }

    /// An optional field: left out when `None`.
    #[inline]
    pub fn opt_entry<T: ::serde::Serialize>(
        &mut self,
        key: &'static str,
        v: &::std::option::Option<T>,
    ) {
        if let ::std::option::Option::Some(v) = v {
            self.entry(key, v);
        }
    }

    /// A field holding floats (see `Floats`).
    #[inline]
    pub fn float_entry<T: Floats>(&mut self, key: &'static str, v: &T) {
        self.entry(key, &Each(v));
    }

    /// An optional field holding floats: left out when `None`.
    #[inline]
    pub fn opt_float_entry<T: Floats>(&mut self, key: &'static str, v: &::std::option::Option<T>) {
        if let ::std::option::Option::Some(v) = v {
            self.entry(key, &Each(v));
        }
    }

    /// Kept keys, from a map.
    pub fn kept_entries<T: ::serde::Serialize>(
        &mut self,
        kept: &::std::collections::BTreeMap<::std::string::String, T>,
    ) {
        for (k, v) in kept {
            self.entry(k, v);
        }
    }

    /// Kept keys, from a map whose values hold floats.
    pub fn kept_float_entries<T: Floats>(
        &mut self,
        kept: &::std::collections::BTreeMap<::std::string::String, T>,
    ) {
        for (k, v) in kept {
            self.entry(k, &Each(v));
        }
    }

    /// Kept keys, from their JSON text.
    pub fn kept_text_entries(&mut self, kept: &UnknownKeys) {
        self.step(|m| kept.write_into(m));
    }

    /// The end of the object, or the first error.
    #[inline]
    pub fn close(self) -> ::std::result::Result<S::Ok, S::Error> {
        ::serde::ser::SerializeMap::end(self.map?)
    }
}

/// Keys a struct does not declare, kept in the order they came and written
/// back the same way. Reading keeps them as JSON text, which costs no
/// allocation per key (unlike a map of `serde_json::Value`s); the first call
/// that looks inside ([`UnknownKeys::get`], [`UnknownKeys::len`],
/// [`UnknownKeys::iter`], ...) parses the text once into entries, which later
/// calls share. A key sent twice counts once, in its first place with its
/// last value. Values keep serde_json's spelling of numbers (`1.50` becomes
/// `1.5`); objects inside them keep the order of their keys. Equality is a
/// map's: the same keys with equal values, in any order.
#[derive(Clone, Default)]
pub struct UnknownKeys {
    /// The text of one JSON object as it was read, or empty: no key was
    /// read, or the keys were edited and `parsed` holds them. Only this
    /// module writes it, so it is always valid UTF-8 and valid JSON.
    json: ::std::vec::Vec<u8>,
    /// The entries of `json`, parsed on first look; after an edit, the keys
    /// themselves (`json` is empty then). A `OnceLock` keeps the type `Sync`;
    /// the `Box` keeps it small (every struct has one, most never looked at).
    #[allow(clippy::box_collection)]
    parsed: ::std::sync::OnceLock<
        ::std::boxed::Box<::std::vec::Vec<(::std::string::String, ::serde_json::Value)>>,
    >,
}

/// Bytes reserved for the first kept key: room for a few entries, less than
/// the first node of a `BTreeMap<String, serde_json::Value>` (about 630 bytes).
const RESERVE: usize = 256;

impl UnknownKeys {
    /// No keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether there is no key.
    pub fn is_empty(&self) -> bool {
        self.json.is_empty() && self.parsed.get().is_none_or(|e| e.is_empty())
    }

    /// The number of keys (a key sent twice counts once).
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// The value of `key` (its last, if it was sent twice).
    pub fn get(&self, key: &str) -> ::std::option::Option<&::serde_json::Value> {
        self.entries()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The value of `key`, to change in place.
    pub fn get_mut(&mut self, key: &str) -> ::std::option::Option<&mut ::serde_json::Value> {
        if !self.contains_key(key) {
            return ::std::option::Option::None;
        }
        let entries = self.take_entries();
        self.store(entries);
        self.parsed
            .get_mut()?
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The keys and their values, in the order the keys came.
    pub fn iter(&self) -> <&Self as ::std::iter::IntoIterator>::IntoIter {
        self.into_iter()
    }

    /// Sets `key` to `value`, written as serde_json writes it, and returns the
    /// value it had. A new key goes after the others; a key that is there
    /// keeps its place. Fails, changing nothing, where `serde_json::to_value`
    /// fails (a map with keys that are not strings) and for a value nested
    /// deeper than serde_json reads back (126 arrays and objects).
    pub fn insert(
        &mut self,
        key: impl ::std::convert::Into<::std::string::String>,
        value: impl ::serde::Serialize,
    ) -> ::std::result::Result<::std::option::Option<::serde_json::Value>, ::serde_json::Error>
    {
        let value = ::serde_json::to_value(value)?;
        if too_deep(&value) {
            return ::std::result::Result::Err(
                <::serde_json::Error as ::serde::ser::Error>::custom(
                    "a kept value nests deeper than 126 arrays and objects",
                ),
            );
        }
        let key = key.into();
        let mut entries = self.take_entries();
        let old = match entries.iter_mut().find(|(k, _)| *k == key) {
            ::std::option::Option::Some((_, v)) => {
                ::std::option::Option::Some(::std::mem::replace(v, value))
            }
            ::std::option::Option::None => {
                entries.push((key, value));
                ::std::option::Option::None
            }
        };
        self.store(entries);
        ::std::result::Result::Ok(old)
    }

    /// Removes `key` and returns its value; the other keys keep their order.
    pub fn remove(&mut self, key: &str) -> ::std::option::Option<::serde_json::Value> {
        // The text stays as it came unless the key is there.
        let at = self.entries().iter().position(|(k, _)| k == key)?;
        let mut entries = self.take_entries();
        let old = (at < entries.len()).then(|| entries.remove(at).1);
        self.store(entries);
        old
    }

    /// The keys as a map of `serde_json::Value`s.
    pub fn to_map(&self) -> ::serde_json::Map<::std::string::String, ::serde_json::Value> {
        self.iter()
            .map(|(k, v)| (k.to_owned(), v.clone()))
            .collect()
    }

    /// The keys as the text of one JSON object, in their order; as it was
    /// read (a key sent twice there twice) until the keys are edited.
    pub fn to_json(&self) -> ::std::string::String {
        if self.json.is_empty() {
            // Values and string keys always make JSON.
            return ::serde_json::to_string(self).unwrap_or_else(|_| "{}".into());
        }
        ::std::string::String::from_utf8_lossy(&self.json).into_owned()
    }

    /// The entries, parsed from the text on the first call.
    fn entries(&self) -> &[(::std::string::String, ::serde_json::Value)] {
        self.parsed
            .get_or_init(|| ::std::boxed::Box::new(parse_entries(&self.json)))
    }

    /// Puts edited entries back: they are the keys from now on.
    fn store(&mut self, entries: ::std::vec::Vec<(::std::string::String, ::serde_json::Value)>) {
        self.parsed = ::std::sync::OnceLock::from(::std::boxed::Box::new(entries));
    }

    /// The entries, to edit and put back in `self.parsed`: the text is
    /// dropped, and the entries are the keys from then on.
    fn take_entries(&mut self) -> ::std::vec::Vec<(::std::string::String, ::serde_json::Value)> {
        let entries = match self.parsed.take() {
            ::std::option::Option::Some(e) => *e,
            ::std::option::Option::None => parse_entries(&self.json),
        };
        self.json = ::std::vec::Vec::new();
        entries
    }

    /// Opens an entry of the text while a struct is read (the entries are
    /// not parsed yet): `{` or the last entry's `}` turned into `,`, then the
    /// quoted key and `:`. The caller writes the value and the closing `}`.
    fn push_key(&mut self, key: &str) -> ::std::result::Result<(), ::serde_json::Error> {
        if self.json.pop().is_some() {
            self.json.push(b',');
        } else {
            // Growing from nothing would cost an allocation every few keys.
            self.json.reserve(RESERVE);
            self.json.push(b'{');
        }
        ::serde_json::to_writer(&mut self.json, key)?;
        self.json.push(b':');
        ::std::result::Result::Ok(())
    }
}

/// The entries of kept text; the text is always an object serde_json reads
/// (see `UnknownKeys::json`), so nothing is lost to an error.
fn parse_entries(json: &[u8]) -> ::std::vec::Vec<(::std::string::String, ::serde_json::Value)> {
    if json.is_empty() {
        return ::std::vec::Vec::new();
    }
    let mut d = ::serde_json::Deserializer::from_slice(json);
    object::<Entries, _>(&mut d)
        .map(|e| e.0)
        .unwrap_or_default()
}

/// Entries with each key once, in its first place with its last value.
fn unique(
    entries: impl ::std::iter::IntoIterator<Item = (::std::string::String, ::serde_json::Value)>,
) -> ::std::vec::Vec<(::std::string::String, ::serde_json::Value)> {
    let mut out = Unique::default();
    for (k, v) in entries {
        out.push(k, v);
    }
    out.entries
}

/// Entries being collected with each key once (see `unique`).
#[derive(Default)]
struct Unique {
    entries: ::std::vec::Vec<(::std::string::String, ::serde_json::Value)>,
    /// Where each key is, once there are too many keys to look through: most
    /// structs keep a few, and a scan of those beats hashing each key.
    index: ::std::option::Option<::std::collections::HashMap<::std::string::String, usize>>,
}

/// Keys up to which `Unique` scans rather than hashes.
const SCAN: usize = 16;

impl Unique {
    fn push(&mut self, k: ::std::string::String, v: ::serde_json::Value) {
        let at = match &self.index {
            ::std::option::Option::Some(index) => index.get(&k).copied(),
            ::std::option::Option::None => self.entries.iter().position(|(e, _)| *e == k),
        };
        if let ::std::option::Option::Some(slot) = at.and_then(|i| self.entries.get_mut(i)) {
            slot.1 = v;
            return;
        }
        if let ::std::option::Option::Some(index) = &mut self.index {
            index.insert(k.clone(), self.entries.len());
        }
        self.entries.push((k, v));
        if self.index.is_none() && self.entries.len() > SCAN {
            let index = self.entries.iter().enumerate();
            self.index =
                ::std::option::Option::Some(index.map(|(i, (k, _))| (k.clone(), i)).collect());
        }
    }
}

/// Whether `v` nests more than `MAX_DEPTH` arrays and objects, which `Text`
/// refuses on input. Without recursion: a value built in memory can nest
/// arbitrarily deep.
fn too_deep(v: &::serde_json::Value) -> bool {
    let mut todo = ::std::vec![(v, 1usize)];
    while let ::std::option::Option::Some((v, depth)) = todo.pop() {
        let inner: ::std::vec::Vec<&::serde_json::Value> = match v {
            ::serde_json::Value::Array(a) => a.iter().collect(),
            ::serde_json::Value::Object(o) => o.values().collect(),
            _ => continue,
        };
        if depth > MAX_DEPTH {
            return true;
        }
        todo.extend(inner.into_iter().map(|v| (v, depth + 1)));
    }
    false
}

impl ::std::fmt::Debug for UnknownKeys {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Equal when they keep the same keys with equal values, in any order, as
/// two maps of `serde_json::Value`s would be.
impl ::std::cmp::PartialEq for UnknownKeys {
    fn eq(&self, other: &Self) -> bool {
        if !self.json.is_empty() && self.json == other.json {
            return true;
        }
        self.len() == other.len()
            && self
                .iter()
                .all(|(k, v)| other.get(k) == ::std::option::Option::Some(v))
    }
}

impl ::std::convert::From<::serde_json::Map<::std::string::String, ::serde_json::Value>>
    for UnknownKeys
{
    fn from(map: ::serde_json::Map<::std::string::String, ::serde_json::Value>) -> Self {
        map.into_iter().collect()
    }
}

impl ::std::iter::FromIterator<(::std::string::String, ::serde_json::Value)> for UnknownKeys {
    /// A key that comes twice keeps its first place and its last value.
    fn from_iter<
        I: ::std::iter::IntoIterator<Item = (::std::string::String, ::serde_json::Value)>,
    >(
        iter: I,
    ) -> Self {
        UnknownKeys {
            json: ::std::vec::Vec::new(),
            parsed: ::std::sync::OnceLock::from(::std::boxed::Box::new(unique(iter))),
        }
    }
}

impl ::std::iter::IntoIterator for UnknownKeys {
    type Item = (::std::string::String, ::serde_json::Value);
    type IntoIter = ::std::vec::IntoIter<(::std::string::String, ::serde_json::Value)>;
    /// The keys and their values, in the order the keys came.
    fn into_iter(mut self) -> Self::IntoIter {
        self.take_entries().into_iter()
    }
}

impl<'a> ::std::iter::IntoIterator for &'a UnknownKeys {
    type Item = (&'a str, &'a ::serde_json::Value);
    type IntoIter = ::std::iter::Map<
        ::std::slice::Iter<'a, (::std::string::String, ::serde_json::Value)>,
        fn(&'a (::std::string::String, ::serde_json::Value)) -> (&'a str, &'a ::serde_json::Value),
    >;
    /// The keys and their values, in the order the keys came.
    fn into_iter(self) -> Self::IntoIter {
        let pair: fn(
            &'a (::std::string::String, ::serde_json::Value),
        ) -> (&'a str, &'a ::serde_json::Value) = |(k, v)| (k.as_str(), v);
        self.entries().iter().map(pair)
    }
}

impl UnknownKeys {
    /// Writes the entries into a map being written (a struct's object).
    fn write_into<M: ::serde::ser::SerializeMap>(
        &self,
        m: &mut M,
    ) -> ::std::result::Result<(), M::Error> {
        if self.json.is_empty() {
            for (k, v) in self.iter() {
                m.serialize_entry(k, v)?;
            }
            return ::std::result::Result::Ok(());
        }
        // One UTF-8 check of the whole text is cheaper than one per string.
        let text =
            ::std::str::from_utf8(&self.json).map_err(<M::Error as ::serde::ser::Error>::custom)?;
        let mut d = ::serde_json::Deserializer::from_str(text);
        ::serde::Deserializer::deserialize_map(&mut d, EmitInto(m))
            .map_err(<M::Error as ::serde::ser::Error>::custom)
    }
}

/// The entries of a JSON object, each written into a map already open as it is
/// read: `Emit`'s map case, and kept text written beside a struct's fields.
struct EmitInto<'a, M>(&'a mut M);

impl<'de, M: ::serde::ser::SerializeMap> ::serde::de::Visitor<'de> for EmitInto<'_, M> {
    type Value = ();
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> ::std::result::Result<(), A::Error> {
        while let ::std::option::Option::Some(k) = map.next_key::<Key<'de>>()? {
            self.0
                .serialize_key(k.as_str())
                .map_err(<A::Error as ::serde::de::Error>::custom)?;
            map.next_value_seed(Entry(&mut *self.0))?;
        }
        ::std::result::Result::Ok(())
    }
}

/// Written as a map, straight from the text as it was read, no `serde_json::Value`
/// built (a struct writes the entries beside its own fields: `Out::kept_text_entries`).
impl ::serde::Serialize for UnknownKeys {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(::std::option::Option::None)?;
        self.write_into(&mut m)?;
        ::serde::ser::SerializeMap::end(m)
    }
}

impl<'de> ::serde::Deserialize<'de> for UnknownKeys {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        object(d)
    }
}

impl<'de> FromMap<'de> for UnknownKeys {
    const EXPECTING: &'static str = "a JSON object";
    fn from_map<A: ::serde::de::MapAccess<'de>>(map: A) -> ::std::result::Result<Self, A::Error> {
        let mut out = UnknownKeys::new();
        let mut m = Fields::new(map);
        while let ::std::option::Option::Some(k) = m.next_key()? {
            m.keep_text(&mut out, k)?;
        }
        ::std::result::Result::Ok(out)
    }
}

/// The entries of an object, each key once (see `unique`).
struct Entries(::std::vec::Vec<(::std::string::String, ::serde_json::Value)>);

impl<'de> FromMap<'de> for Entries {
    const EXPECTING: &'static str = "a JSON object";
    fn from_map<A: ::serde::de::MapAccess<'de>>(
        mut map: A,
    ) -> ::std::result::Result<Self, A::Error> {
        let mut out = Unique::default();
        while let ::std::option::Option::Some((k, v)) = map.next_entry()? {
            out.push(k, v);
        }
        ::std::result::Result::Ok(Entries(out.entries))
    }
}

/// Reads one value of any shape and writes it to the buffer as JSON text,
/// without building a `serde_json::Value`. The second field counts the
/// arrays and objects it is inside.
struct Text<'a>(&'a mut ::std::vec::Vec<u8>, usize);

/// Arrays and objects a kept value may nest: serde_json reads the kept text
/// back (to write it out, or for `get`) only 127 levels deep, one of which
/// is the object of kept keys. Input that serde_json parsed never comes near
/// it; other deserializers can send anything.
const MAX_DEPTH: usize = 126;

impl Text<'_> {
    /// The depth inside one more array or object, or an error past `MAX_DEPTH`.
    fn deeper<E: ::serde::de::Error>(&self) -> ::std::result::Result<usize, E> {
        if self.1 >= MAX_DEPTH {
            return ::std::result::Result::Err(E::custom(
                "a kept value nests deeper than 126 arrays and objects",
            ));
        }
        ::std::result::Result::Ok(self.1 + 1)
    }

    fn write<T: ::serde::Serialize + ?::std::marker::Sized, E: ::serde::de::Error>(
        self,
        v: &T,
    ) -> ::std::result::Result<(), E> {
        ::serde_json::to_writer(&mut *self.0, v).map_err(E::custom)
    }
}

impl<'de> ::serde::de::DeserializeSeed<'de> for Text<'_> {
    type Value = ();
    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> ::std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for Text<'_> {
    type Value = ();
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: ::serde::de::Error>(self, v: bool) -> ::std::result::Result<(), E> {
        self.write(&v)
    }
    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<(), E> {
        self.write(&v)
    }
    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<(), E> {
        self.write(&v)
    }
    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<(), E> {
        self.write(&v)
    }
    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<(), E> {
        self.write(v)
    }
    fn visit_unit<E: ::serde::de::Error>(self) -> ::std::result::Result<(), E> {
        self.0.extend_from_slice(b"null");
        ::std::result::Result::Ok(())
    }
    fn visit_none<E: ::serde::de::Error>(self) -> ::std::result::Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: ::serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> ::std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> ::std::result::Result<(), A::Error> {
        let depth = self.deeper()?;
        let buf = self.0;
        buf.push(b'[');
        let mut first = true;
        loop {
            let at = buf.len();
            if !first {
                buf.push(b',');
            }
            if seq.next_element_seed(Text(&mut *buf, depth))?.is_none() {
                buf.truncate(at);
                break;
            }
            first = false;
        }
        buf.push(b']');
        ::std::result::Result::Ok(())
    }
    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> ::std::result::Result<(), A::Error> {
        let depth = self.deeper()?;
        let buf = self.0;
        buf.push(b'{');
        let mut first = true;
        while let ::std::option::Option::Some(k) = map.next_key::<Key<'de>>()? {
            if !first {
                buf.push(b',');
            }
            ::serde_json::to_writer(&mut *buf, k.as_str())
                .map_err(<A::Error as ::serde::de::Error>::custom)?;
            buf.push(b':');
            map.next_value_seed(Text(&mut *buf, depth))?;
            first = false;
        }
        buf.push(b'}');
        ::std::result::Result::Ok(())
    }
}

/// Writes what a deserializer reads to a serializer, value by value: kept text
/// goes out in its own order without a `serde_json::Value` in between. An
/// error on either side reaches the caller as the other side's error, with
/// its message.
struct Emit<S>(S);

impl<'de, S: ::serde::Serializer> ::serde::de::Visitor<'de> for Emit<S> {
    type Value = S::Ok;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: ::serde::de::Error>(self, v: bool) -> ::std::result::Result<S::Ok, E> {
        self.0.serialize_bool(v).map_err(E::custom)
    }
    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<S::Ok, E> {
        self.0.serialize_i64(v).map_err(E::custom)
    }
    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<S::Ok, E> {
        self.0.serialize_u64(v).map_err(E::custom)
    }
    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<S::Ok, E> {
        self.0.serialize_f64(v).map_err(E::custom)
    }
    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<S::Ok, E> {
        self.0.serialize_str(v).map_err(E::custom)
    }
    fn visit_unit<E: ::serde::de::Error>(self) -> ::std::result::Result<S::Ok, E> {
        self.0.serialize_unit().map_err(E::custom)
    }
    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> ::std::result::Result<S::Ok, A::Error> {
        use ::serde::ser::SerializeSeq;
        let mut out = self
            .0
            .serialize_seq(seq.size_hint())
            .map_err(<A::Error as ::serde::de::Error>::custom)?;
        while seq.next_element_seed(Element(&mut out))?.is_some() {}
        out.end().map_err(<A::Error as ::serde::de::Error>::custom)
    }
    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        map: A,
    ) -> ::std::result::Result<S::Ok, A::Error> {
        use ::serde::ser::SerializeMap;
        let mut out = self
            .0
            .serialize_map(map.size_hint())
            .map_err(<A::Error as ::serde::de::Error>::custom)?;
        ::serde::de::Visitor::visit_map(EmitInto(&mut out), map)?;
        out.end().map_err(<A::Error as ::serde::de::Error>::custom)
    }
}

/// A value still to be read from `D`, as something a serializer can write.
struct Pass<D>(::std::cell::Cell<::std::option::Option<D>>);

impl<'de, D: ::serde::Deserializer<'de>> ::serde::Serialize for Pass<D> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self.0.take() {
            ::std::option::Option::Some(d) => d
                .deserialize_any(Emit(s))
                .map_err(<S::Error as ::serde::ser::Error>::custom),
            ::std::option::Option::None => ::std::result::Result::Err(
                <S::Error as ::serde::ser::Error>::custom("a value can be written once"),
            ),
        }
    }
}

/// The next element of a sequence, read and written.
struct Element<'a, T>(&'a mut T);

impl<'de, T: ::serde::ser::SerializeSeq> ::serde::de::DeserializeSeed<'de> for Element<'_, T> {
    type Value = ();
    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> ::std::result::Result<(), D::Error> {
        self.0
            .serialize_element(&Pass(::std::cell::Cell::new(::std::option::Option::Some(
                d,
            ))))
            .map_err(<D::Error as ::serde::de::Error>::custom)
    }
}

/// The value of a map's entry, read and written.
struct Entry<'a, T>(&'a mut T);

impl<'de, T: ::serde::ser::SerializeMap> ::serde::de::DeserializeSeed<'de> for Entry<'_, T> {
    type Value = ();
    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> ::std::result::Result<(), D::Error> {
        self.0
            .serialize_value(&Pass(::std::cell::Cell::new(::std::option::Option::Some(
                d,
            ))))
            .map_err(<D::Error as ::serde::de::Error>::custom)
    }
}
