// Union reading and constants: spliced into `__helpers` after `helpers.rs` (see
// `emit::runtime`), item by item like it. A plain comment, not `//!`: the two files
// are read as one module.
//
// A union buffers its input into a `serde_json::Value` (serde's own buffer is private
// API), ranks its members by how well the value fits each (`fit`), then reads the
// value through them in that order; the first that reads it wins. The per-union code
// is a table of `Member`s: names, shapes (static data) and a reader each.

/// JSON kinds, as bits: what a union member can read.
pub const NULL: u8 = 1;
pub const BOOL: u8 = 2;
pub const INT: u8 = 4;
pub const FLOAT: u8 = 8;
pub const STRING: u8 = 16;
pub const ARRAY: u8 = 32;
pub const OBJECT: u8 = 64;
pub const ANY: u8 = 127;

/// A constant: the value of a constant type, or a value that decides a union member.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fixed {
    Str(&'static str),
    Bool(bool),
    Int(i64),
    Float(f64),
    Null,
}

impl Fixed {
    /// Whether `v` is this value (numbers compared as numbers: `2` is `2.0`).
    pub fn matches(&self, v: &::serde_json::Value) -> bool {
        use ::serde_json::Value;
        match (self, v) {
            (Fixed::Str(s), Value::String(x)) => s == x,
            (Fixed::Bool(b), Value::Bool(x)) => b == x,
            (Fixed::Int(i), Value::Number(n)) => {
                n.as_i64() == ::std::option::Option::Some(*i)
                    || (!n.is_i64()
                        && !n.is_u64()
                        && n.as_f64() == ::std::option::Option::Some(*i as f64))
            }
            (Fixed::Float(f), Value::Number(n)) => n.as_f64() == ::std::option::Option::Some(*f),
            (Fixed::Null, Value::Null) => true,
            _ => false,
        }
    }
}

impl ::std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Fixed::Str(s) => write!(f, "{s:?}"),
            Fixed::Bool(b) => write!(f, "{b}"),
            Fixed::Int(i) => write!(f, "{i}"),
            Fixed::Float(x) => write!(f, "{x}"),
            Fixed::Null => f.write_str("null"),
        }
    }
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
struct OneOf<'a>(&'a [Fixed]);

impl ::std::fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(if i + 1 == self.0.len() { " or " } else { ", " })?;
            }
            write!(f, "{v}")?;
        }
        ::std::result::Result::Ok(())
    }
}

impl ::serde::de::Expected for OneOf<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Display::fmt(self, f)
    }
}

/// Writes a constant.
pub fn write_const<S: ::serde::Serializer>(
    value: &Fixed,
    s: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    match *value {
        Fixed::Str(v) => s.serialize_str(v),
        Fixed::Bool(v) => s.serialize_bool(v),
        Fixed::Int(v) => s.serialize_i64(v),
        Fixed::Float(v) => s.serialize_f64(v),
        Fixed::Null => s.serialize_unit(),
    }
}

/// Reads one of `values`; returns its index. Any other value is an error naming the
/// values expected.
pub fn read_const<'de, D: ::serde::Deserializer<'de>>(
    d: D,
    values: &'static [Fixed],
) -> ::std::result::Result<usize, D::Error> {
    struct V(&'static [Fixed]);
    impl V {
        fn find<E: ::serde::de::Error>(
            &self,
            unexpected: ::serde::de::Unexpected<'_>,
            hit: impl Fn(&Fixed) -> bool,
        ) -> ::std::result::Result<usize, E> {
            self.0
                .iter()
                .position(hit)
                .ok_or_else(|| E::invalid_value(unexpected, &OneOf(self.0)))
        }
    }
    impl<'de> ::serde::de::Visitor<'de> for V {
        type Value = usize;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            ::std::fmt::Display::fmt(&OneOf(self.0), f)
        }
        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<usize, E> {
            self.find(
                ::serde::de::Unexpected::Str(v),
                |x| matches!(x, Fixed::Str(s) if *s == v),
            )
        }
        fn visit_bool<E: ::serde::de::Error>(self, v: bool) -> ::std::result::Result<usize, E> {
            self.find(::serde::de::Unexpected::Bool(v), |x| *x == Fixed::Bool(v))
        }
        fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<usize, E> {
            self.find(::serde::de::Unexpected::Signed(v), |x| {
                *x == Fixed::Int(v) || *x == Fixed::Float(v as f64)
            })
        }
        fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<usize, E> {
            self.find(::serde::de::Unexpected::Unsigned(v), |x| {
                i64::try_from(v).is_ok_and(|i| *x == Fixed::Int(i)) || *x == Fixed::Float(v as f64)
            })
        }
        fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<usize, E> {
            self.find(::serde::de::Unexpected::Float(v), |x| match *x {
                Fixed::Float(f) => f == v,
                Fixed::Int(i) => i as f64 == v,
                _ => false,
            })
        }
        fn visit_unit<E: ::serde::de::Error>(self) -> ::std::result::Result<usize, E> {
            self.find(::serde::de::Unexpected::Unit, |x| *x == Fixed::Null)
        }
        fn visit_none<E: ::serde::de::Error>(self) -> ::std::result::Result<usize, E> {
            self.visit_unit()
        }
    }
    d.deserialize_any(V(values))
}

/// What a union member reads, for ranking the members against a value.
pub struct Shape {
    /// The JSON kinds it reads.
    pub kinds: u8,
    /// For a struct: its fields.
    pub fields: &'static [UnionKey],
    /// Keeps keys it does not declare (a map, a struct with a map of extra keys).
    pub open: bool,
    /// For an enum or constant: the values it knows. An open enum reads others too,
    /// but a member that knows the value is tried first.
    pub values: &'static [Fixed],
}

/// A struct that is a union member: its shape, emitted once beside it.
pub trait Shaped {
    const SHAPE: &'static Shape;
}

/// A struct field, as a union sees it.
pub struct UnionKey {
    /// Every spelling it is read by.
    pub names: &'static [&'static str],
    /// Must be present.
    pub required: bool,
    /// When it decides the member (a constant, a one-value enum, the field the docs
    /// name as the discriminator): the values it takes.
    pub fixed: &'static [Fixed],
}

/// A union member: its name, what it reads, and how it reads a buffered value.
pub struct Member<T> {
    pub name: &'static str,
    pub shape: &'static Shape,
    pub read: fn(&::serde_json::Value) -> ::std::result::Result<T, ::serde_json::Error>,
}

/// An object, or an array holding one at any depth.
fn holds_object(v: &::serde_json::Value) -> bool {
    match v {
        ::serde_json::Value::Object(_) => true,
        ::serde_json::Value::Array(a) => a.iter().any(holds_object),
        _ => false,
    }
}

fn kind_of(v: &::serde_json::Value) -> u8 {
    use ::serde_json::Value;
    match v {
        Value::Null => NULL,
        Value::Bool(_) => BOOL,
        Value::Number(n) if n.is_i64() || n.is_u64() => INT,
        Value::Number(_) => FLOAT,
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

fn kind_name(kind: u8) -> &'static str {
    match kind {
        NULL => "null",
        BOOL => "a boolean",
        INT => "an integer",
        FLOAT => "a number",
        STRING => "a string",
        ARRAY => "an array",
        _ => "an object",
    }
}

/// How well a member fits a value, best first: `(undeclared keys, tier, -declared
/// keys)`. A key the member would drop counts first (it does not keep what was sent);
/// then the tier, 0: a deciding field or known value agrees, 1: nothing decides, 2: an
/// open enum's unknown value, or a float for an integer; then the keys it declares.
/// `Err` says why the member cannot read the value at all.
pub fn fit(
    shape: &Shape,
    v: &::serde_json::Value,
) -> ::std::result::Result<(usize, u8, isize), ::std::string::String> {
    let kind = kind_of(v);
    let accepts = shape.kinds & kind != 0 || (kind == INT && shape.kinds & FLOAT != 0);
    let float_for_int = kind == FLOAT && shape.kinds & INT != 0;
    if !accepts && !float_for_int {
        return ::std::result::Result::Err(::std::format!(
            "expected another kind of value, found {}",
            kind_name(kind)
        ));
    }
    let ::serde_json::Value::Object(map) = v else {
        let tier = if float_for_int && !accepts {
            2
        } else if shape.values.is_empty() {
            1
        } else if shape.values.iter().any(|x| x.matches(v)) {
            0
        } else {
            2
        };
        return ::std::result::Result::Ok((0, tier, 0));
    };
    for key in shape.fields.iter().filter(|k| k.required) {
        if !key.names.iter().any(|n| map.contains_key(*n)) {
            return ::std::result::Result::Err(::std::format!(
                "missing key `{}`",
                key.names.first().copied().unwrap_or_default()
            ));
        }
    }
    let (mut agree, mut undeclared, mut declared) = (false, 0usize, 0isize);
    for (k, x) in map {
        match shape.fields.iter().find(|f| f.names.contains(&k.as_str())) {
            ::std::option::Option::Some(f) => {
                declared += 1;
                if !f.fixed.is_empty() {
                    if !f.fixed.iter().any(|c| c.matches(x)) {
                        return ::std::result::Result::Err(::std::format!(
                            "`{k}` is {x}, expected {}",
                            OneOf(f.fixed)
                        ));
                    }
                    agree = true;
                }
            }
            ::std::option::Option::None if !shape.open => undeclared += 1,
            ::std::option::Option::None => {}
        }
    }
    ::std::result::Result::Ok((undeclared, u8::from(!agree), -declared))
}

/// Reads a union: buffers the value, tries the members that can read it, best fit
/// first (member order breaks ties), and returns the first that reads it, unless it
/// would not write the value back as it came and a member that fits as well does
/// (members that tie at the top level can differ in nested keys: the first would drop
/// them). The error names the union and every member with why it did not match,
/// nearest first.
pub fn union<'de, T: ::serde::Serialize, D: ::serde::Deserializer<'de>>(
    d: D,
    union: &'static str,
    members: &[Member<T>],
) -> ::std::result::Result<T, D::Error> {
    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(d)?;
    let mut ranked: ::std::vec::Vec<(usize, u8, isize, usize)> =
        ::std::vec::Vec::with_capacity(members.len());
    let mut refused: ::std::vec::Vec<(usize, ::std::string::String)> = ::std::vec::Vec::new();
    for (i, m) in members.iter().enumerate() {
        match fit(m.shape, &value) {
            ::std::result::Result::Ok((undeclared, tier, declared)) => {
                ranked.push((undeclared, tier, declared, i))
            }
            ::std::result::Result::Err(why) => refused.push((i, why)),
        }
    }
    ranked.sort_unstable();
    let nested = match &value {
        ::serde_json::Value::Object(m) => m.values().any(holds_object),
        ::serde_json::Value::Array(a) => a.iter().any(holds_object),
        _ => false,
    };
    let mut tried: ::std::vec::Vec<(usize, ::std::string::String)> = ::std::vec::Vec::new();
    // The first member that read the value, with its rank, while a lossless one is sought.
    let mut first: ::std::option::Option<(T, (usize, u8))> = ::std::option::Option::None;
    for (k, &(undeclared, tier, _, i)) in ranked.iter().enumerate() {
        let m = &members[i];
        if let ::std::option::Option::Some((_, rank)) = &first {
            // Only a member that fits as well, and is not a catch-all (any JSON, a map),
            // which would always write the value back as it came.
            if *rank != (undeclared, tier) || (m.shape.fields.is_empty() && m.shape.open) {
                continue;
            }
        }
        match (m.read)(&value) {
            ::std::result::Result::Ok(v) => {
                // Nested objects are where equal fits can differ; flat values are
                // decided by the ranking.
                let rest = nested
                    && ranked[k + 1..]
                        .iter()
                        .any(|r| (r.0, r.1) == (undeclared, tier));
                if (first.is_none() && !rest)
                    || ::serde_json::to_value(&v).is_ok_and(|w| w == value)
                {
                    return ::std::result::Result::Ok(v);
                }
                if first.is_none() {
                    first = ::std::option::Option::Some((v, (undeclared, tier)));
                }
            }
            ::std::result::Result::Err(e) => tried.push((i, e.to_string())),
        }
    }
    if let ::std::option::Option::Some((v, _)) = first {
        return ::std::result::Result::Ok(v);
    }
    let mut msg = ::std::format!("no member of {union} matched");
    for (n, (i, why)) in tried.iter().chain(&refused).enumerate() {
        msg.push_str(if n == 0 { ": " } else { "; " });
        msg.push_str(&::std::format!("as {}: {why}", members[*i].name));
    }
    ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(msg))
}
