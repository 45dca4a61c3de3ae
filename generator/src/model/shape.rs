//! What a union member reads, as data: the JSON kinds, a struct's keys (every
//! spelling, required or not, and the values of deciding fields), and the values an
//! enum or constant knows. `emit` writes it as the runtime's `Shape` table; `samples`
//! ranks members with [`fit`], the generator's copy of the runtime's ranking, to know
//! which member a sample must come back as.

use super::{ConstValue, EnumRepr, Kind, Model, Presence, Ty};
use serde_json::Value;

/// JSON kinds as bits, as in the runtime.
pub const NULL: u8 = 1;
pub const BOOL: u8 = 2;
pub const INT: u8 = 4;
pub const FLOAT: u8 = 8;
pub const STRING: u8 = 16;
pub const ARRAY: u8 = 32;
pub const OBJECT: u8 = 64;
pub const ANY: u8 = 127;

/// The runtime's names of the kind bits, in bit order.
pub const KIND_NAMES: [(u8, &str); 7] = [
    (NULL, "NULL"),
    (BOOL, "BOOL"),
    (INT, "INT"),
    (FLOAT, "FLOAT"),
    (STRING, "STRING"),
    (ARRAY, "ARRAY"),
    (OBJECT, "OBJECT"),
];

/// What a member reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shape {
    pub kinds: u8,
    /// A struct's fields.
    pub fields: Vec<KeyShape>,
    /// Keeps undeclared keys (a map, a struct with extra keys, any JSON).
    pub open: bool,
    /// The values an enum or constant knows.
    pub values: Vec<ConstValue>,
}

/// A struct field as a union sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyShape {
    /// Every spelling it is read by.
    pub names: Vec<String>,
    pub required: bool,
    /// The values that decide the member, when the field decides it.
    pub fixed: Vec<ConstValue>,
}

/// The shape of a member of type `ty`; `discriminator` is the doc name of the field
/// the union's docs name as deciding.
pub fn shape(model: &Model, ty: &Ty, discriminator: Option<&str>) -> Shape {
    shape_at(model, ty, discriminator, 0)
}

fn shape_at(model: &Model, ty: &Ty, discriminator: Option<&str>, depth: usize) -> Shape {
    let of = |kinds| Shape {
        kinds,
        ..Shape::default()
    };
    match ty {
        Ty::String | Ty::Date | Ty::DateTime => of(STRING),
        Ty::I64 | Ty::I32 => of(INT),
        Ty::F64 | Ty::F32 => of(INT | FLOAT),
        Ty::Bool => of(BOOL),
        Ty::Json => Shape {
            open: true,
            ..of(ANY)
        },
        Ty::List(_) => of(ARRAY),
        Ty::Map(_) => Shape {
            open: true,
            ..of(OBJECT)
        },
        Ty::Boxed(t) => shape_at(model, t, discriminator, depth),
        Ty::Nullable(t) => {
            let mut s = shape_at(model, t, discriminator, depth);
            s.kinds |= NULL;
            s
        }
        Ty::Named(id) => match &model.types[*id].kind {
            Kind::Struct(s) => Shape {
                kinds: OBJECT,
                fields: s
                    .fields
                    .iter()
                    .map(|f| KeyShape {
                        names: std::iter::once(&f.wire_name)
                            .chain(&f.aliases)
                            .cloned()
                            .collect(),
                        required: matches!(f.presence, Presence::Required | Presence::Nullable),
                        fixed: deciding(model, &f.ty, discriminator == Some(&*f.doc_name)),
                    })
                    .collect(),
                open: s.extra.is_some(),
                values: Vec::new(),
            },
            Kind::Enum(e) => Shape {
                values: enum_values(e),
                ..of(if e.repr == EnumRepr::Int { INT } else { STRING })
            },
            Kind::Const(c) => Shape {
                kinds: c.values.iter().fold(0, |k, v| k | const_kind(&v.value)),
                values: c.values.iter().map(|v| v.value.clone()).collect(),
                ..Shape::default()
            },
            Kind::Union(u) => {
                // A union in a union: the kinds its members read; keys do not rank it.
                let kinds = if depth < 8 {
                    u.members
                        .iter()
                        .fold(0, |k, m| k | shape_at(model, &m.ty, None, depth + 1).kinds)
                } else {
                    ANY
                };
                Shape {
                    open: true,
                    ..of(kinds)
                }
            }
        },
    }
}

fn enum_values(e: &super::Enum) -> Vec<ConstValue> {
    e.variants
        .iter()
        .filter_map(|v| match e.repr {
            EnumRepr::Int => v.value.parse().ok().map(ConstValue::Int),
            EnumRepr::Str => Some(ConstValue::Str(v.value.clone())),
        })
        .collect()
}

/// The values a field decides a member by: a constant's, a one-value enum's, or
/// every known value of the enum the docs name as the discriminator (`named`).
fn deciding(model: &Model, ty: &Ty, named: bool) -> Vec<ConstValue> {
    let mut ty = ty;
    while let Ty::Boxed(t) | Ty::Nullable(t) = ty {
        ty = t;
    }
    let Ty::Named(id) = ty else {
        return Vec::new();
    };
    match &model.types[*id].kind {
        Kind::Const(c) => c.values.iter().map(|v| v.value.clone()).collect(),
        Kind::Enum(e) if e.variants.len() == 1 || named => enum_values(e),
        _ => Vec::new(),
    }
}

fn const_kind(v: &ConstValue) -> u8 {
    match v {
        ConstValue::Str(_) => STRING,
        ConstValue::Bool(_) => BOOL,
        ConstValue::Int(_) => INT,
        ConstValue::Float(_) => FLOAT,
        ConstValue::Null => NULL,
    }
}

impl ConstValue {
    /// Whether `v` is this value (numbers compared as numbers), as the runtime's
    /// `Fixed::matches`.
    pub fn matches(&self, v: &Value) -> bool {
        match (self, v) {
            (ConstValue::Str(s), Value::String(x)) => s == x,
            (ConstValue::Bool(b), Value::Bool(x)) => b == x,
            (ConstValue::Int(i), Value::Number(n)) => {
                n.as_i64() == Some(*i)
                    || (!n.is_i64() && !n.is_u64() && n.as_f64() == Some(*i as f64))
            }
            (ConstValue::Float(f), Value::Number(n)) => n.as_f64() == Some(*f),
            (ConstValue::Null, Value::Null) => true,
            _ => false,
        }
    }
}

fn kind_of(v: &Value) -> u8 {
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

/// How well a member fits `v`, best first, or `None` when it cannot read it: the
/// runtime's `fit` (`generator/runtime/unions.rs`), which the harness checks this
/// against.
pub fn fit(shape: &Shape, v: &Value) -> Option<(usize, u8, isize)> {
    let kind = kind_of(v);
    let accepts = shape.kinds & kind != 0 || (kind == INT && shape.kinds & FLOAT != 0);
    let float_for_int = kind == FLOAT && shape.kinds & INT != 0;
    if !accepts && !float_for_int {
        return None;
    }
    let Value::Object(map) = v else {
        let tier = if float_for_int && !accepts {
            2
        } else if shape.values.is_empty() {
            1
        } else if shape.values.iter().any(|x| x.matches(v)) {
            0
        } else {
            2
        };
        return Some((0, tier, 0));
    };
    for key in shape.fields.iter().filter(|k| k.required) {
        if !key.names.iter().any(|n| map.contains_key(n)) {
            return None;
        }
    }
    let (mut agree, mut undeclared, mut declared) = (false, 0usize, 0isize);
    for (k, x) in map {
        match shape.fields.iter().find(|f| f.names.iter().any(|n| n == k)) {
            Some(f) => {
                declared += 1;
                if !f.fixed.is_empty() {
                    if !f.fixed.iter().any(|c| c.matches(x)) {
                        return None;
                    }
                    agree = true;
                }
            }
            None if !shape.open => undeclared += 1,
            None => {}
        }
    }
    Some((undeclared, u8::from(!agree), -declared))
}
