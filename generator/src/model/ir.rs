//! The IR: plain data that every later stage reads and `Debug` prints.

use crate::error::{Diagnostic, Pos};
use crate::notation::Flavor;
use std::path::PathBuf;

/// Index of a type in [`Model::types`]; `model.types[id]` looks it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

impl TypeId {
    /// The position in [`Model::types`], for tables kept beside it.
    pub fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<TypeId> for [TypeDef] {
    type Output = TypeDef;
    fn index(&self, id: TypeId) -> &TypeDef {
        &self[id.0]
    }
}

impl std::ops::Index<TypeId> for Vec<TypeDef> {
    type Output = TypeDef;
    fn index(&self, id: TypeId) -> &TypeDef {
        &self[id.0]
    }
}

/// The IR: every type to emit, and what was left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    /// Sorted by module path, then by source path.
    pub types: Vec<TypeDef>,
    /// Docs that define no type, with the reason.
    pub skipped: Vec<Skipped>,
    /// Warnings found building the model (renamed collisions, ignored repeats).
    pub warnings: Vec<Diagnostic>,
    /// Fields and members read as any JSON value instead of their documented type;
    /// reported as warnings, or errors under `strict` (not in `warnings`).
    pub degraded: Vec<Degraded>,
    /// Docs read (emitted, skipped or in error).
    pub docs_read: usize,
    /// The emitted types also read numbers and booleans sent as strings (`"123"`,
    /// `"true"`); set by `Config::lenient_scalars`.
    pub lenient_scalars: bool,
}

/// A doc that produced no type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The doc's path.
    pub file: PathBuf,
    /// Why it produced none.
    pub reason: SkipReason,
}

/// Why a doc produced no type. Each is counted in the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// An SDK response wrapper: holds the raw HTTP response, not a JSON payload.
    ResponseWrapper,
    /// An SDK options page (no title, `## Options`).
    SdkOptions,
    /// An SDK configuration page (`Name | Type | Description` tables, no wire shape).
    SdkConfig,
    /// An empty file.
    Empty,
}

impl SkipReason {
    /// The words used in the summary line, e.g. `response wrapper`.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::ResponseWrapper => "response wrapper",
            SkipReason::SdkOptions => "SDK options",
            SkipReason::SdkConfig => "SDK config",
            SkipReason::Empty => "empty",
        }
    }
}

/// One emitted type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust module path (identifiers, escaped) from the crate root of the output.
    pub module: Vec<String>,
    /// Rust type name (identifier, escaped).
    pub name: String,
    /// The doc's title.
    pub title: String,
    /// The doc it comes from.
    pub source: PathBuf,
    /// The SDK language the doc was written for, as detected from its cells.
    pub flavor: Option<Flavor>,
    /// Rustdoc-safe markdown.
    pub docs: String,
    /// Struct, enum, union or constant, with its members.
    pub kind: Kind,
    /// For a type made from a Type cell rather than a doc of its own (a constant, a
    /// union written in the cell): the doc name of the field whose cell it is (empty
    /// for a union doc's member). `None` for a doc's own type.
    pub cell_of: Option<String>,
}

impl TypeDef {
    /// The type's path from the crate root, e.g. `operations::GetTokenResponseBody`.
    pub fn rust_path(&self) -> String {
        let mut p = String::new();
        for m in &self.module {
            p.push_str(m);
            p.push_str("::");
        }
        p.push_str(&self.name);
        p
    }
}

/// What a type is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A `## Fields` doc.
    Struct(Struct),
    /// A `## Values` doc.
    Enum(Enum),
    /// A `## Supported Types` doc, or a union written in a Type cell.
    Union(Union),
    /// A constant written in a Type cell (`Literal["x"]`, `*"x"*`, `*true*`): a type
    /// with one value, or (`Literal["a", "b"]`) a closed set of values.
    Const(Constant),
}

/// The values a constant type holds: serialized as written, any other value refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Constant {
    /// In doc order; one for a constant, several for a closed set.
    pub values: Vec<ConstVariant>,
}

/// One value of a [`Constant`].
#[derive(Debug, Clone, PartialEq)]
pub struct ConstVariant {
    /// The Rust variant name (used when there are several values).
    pub rust_name: String,
    /// The value.
    pub value: ConstValue,
}

/// A constant JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstValue {
    /// A string.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits 64 bits.
    Int(i64),
    /// Any other finite number.
    Float(f64),
    /// `null`.
    Null,
}

impl ConstValue {
    /// The value as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            ConstValue::Str(s) => serde_json::Value::String(s.clone()),
            ConstValue::Bool(b) => serde_json::Value::Bool(*b),
            ConstValue::Int(i) => serde_json::Value::from(*i),
            ConstValue::Float(f) => serde_json::Number::from_f64(*f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            ConstValue::Null => serde_json::Value::Null,
        }
    }
}

/// A struct: named fields, serialized as a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// In doc order.
    pub fields: Vec<Field>,
    /// Keys not declared as fields, kept in a map (free-form objects and
    /// documented extra properties).
    pub extra: Option<Extra>,
    /// SDK-only fields (raw HTTP responses, streams) left out because they are not JSON.
    pub sdk_only: Vec<String>,
    /// Whether every field allows `#[derive(Default)]`.
    pub derive_default: bool,
    /// A member of some union: its shape (keys, deciding fields) is emitted once, for
    /// the union reader to rank members by.
    pub union_member: bool,
}

/// The field that keeps a struct's undeclared keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// The field's Rust name.
    pub rust_name: String,
    /// The type of each kept value.
    pub value: Ty,
    /// Kept as JSON text in arrival order (the emitted `UnknownKeys` type) rather than
    /// as a map of `value`s: set by `model::keep_unknown` with [`KeepUnknown::Text`].
    pub text: bool,
}

/// How structs treat JSON keys their docs do not declare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum KeepUnknown {
    /// Skip them (the default).
    #[default]
    No,
    /// Keep them in a `BTreeMap<String, serde_json::Value>`, as schema generators do.
    Map,
    /// Keep them as JSON text, in the order they came, in the emitted `UnknownKeys`
    /// type: no allocation per key, so reading costs much less than the map.
    Text,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name as the doc writes it.
    pub doc_name: String,
    /// The Rust field name (an identifier, escaped).
    pub rust_name: String,
    /// The JSON key written (and read).
    pub wire_name: String,
    /// Other spellings accepted when deserializing.
    pub aliases: Vec<String>,
    /// The value's type, without the `Option`s that [`Field::presence`] adds.
    pub ty: Ty,
    /// Whether the key must be there and whether it may be null.
    pub presence: Presence,
    /// Rustdoc-safe markdown.
    pub docs: String,
    /// The Example cell, `<br/>` turned into newlines.
    pub example: Option<String>,
    /// The deprecation note, when the doc deprecates the field.
    pub deprecated: Option<String>,
    /// Where the field's row is in the doc.
    pub pos: Pos,
}

/// Whether a key must be there and whether it may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Present, never null: `T`.
    Required,
    /// May be absent, never null: `Option<T>`, omitted when `None`.
    Optional,
    /// Present, may be null: `Option<T>`, written as `null` when `None`.
    Nullable,
    /// Absent, null or a value: `Option<Option<T>>`.
    OptionalNullable,
}

/// A Rust type in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `String`.
    String,
    /// `i64`.
    I64,
    /// `i32`.
    I32,
    /// `f64`.
    F64,
    /// `f32`.
    F32,
    /// `bool`.
    Bool,
    /// `serde_json::Value`: any JSON.
    Json,
    /// `chrono::DateTime<Utc>`: a timestamp.
    DateTime,
    /// `chrono::NaiveDate`: a calendar date.
    Date,
    /// `Vec<T>`.
    List(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// A nullable element inside a container.
    Nullable(Box<Ty>),
    /// Another type of the model.
    Named(TypeId),
    /// A reference that needs indirection to break a cycle.
    Boxed(Box<Ty>),
}

/// An enum of documented values, plus a catch-all variant for the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Strings or integers on the wire.
    pub repr: EnumRepr,
    /// In doc order.
    pub variants: Vec<Variant>,
    /// Name of the catch-all variant that keeps unknown values.
    pub catch_all: String,
}

/// How an enum's values travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// JSON strings.
    Str,
    /// JSON integers (every documented value is one).
    Int,
}

/// One documented enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The wire value exactly as documented (decimal text for integer enums).
    pub value: String,
}

/// A union: an untagged enum of member types.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// In preference order: among members that fit a payload equally well, the
    /// first wins.
    pub members: Vec<Member>,
    /// The field that tells the members apart, by its doc name, when the doc's
    /// `## Union Discrimination` section names one (Go: "Use the `Type` field").
    pub discriminator: Option<String>,
}

/// One member of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The Rust variant name (`Str`, `Integer`, a type's name, ...).
    pub rust_name: String,
    /// The member's type.
    pub ty: Ty,
}

/// Where a type sits in its [`Kind`]: what [`Kind::tys`] yields it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The type of field `n` of a struct.
    Field(usize),
    /// The value type of a struct's map of undeclared keys (held in the map, not inline).
    Extra,
    /// The type of union member `n`.
    Member(usize),
}

impl Kind {
    /// Every type the kind holds, with where it sits: fields, the extra keys' value, union
    /// members. Enums hold none. The one walk over a kind's types.
    pub fn tys(&self) -> impl Iterator<Item = (Slot, &Ty)> {
        let (fields, extra, members): (&[Field], _, &[Member]) = match self {
            Kind::Struct(s) => (&s.fields, s.extra.as_ref(), &[]),
            Kind::Union(u) => (&[], None, &u.members),
            Kind::Enum(_) | Kind::Const(_) => (&[], None, &[]),
        };
        let fields = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (Slot::Field(i), &f.ty));
        let extra = extra.map(|e| (Slot::Extra, &e.value));
        let members = members
            .iter()
            .enumerate()
            .map(|(i, m)| (Slot::Member(i), &m.ty));
        fields.chain(extra).chain(members)
    }

    /// [`Kind::tys`], mutably.
    pub fn tys_mut(&mut self) -> impl Iterator<Item = (Slot, &mut Ty)> {
        let (fields, extra, members): (&mut [Field], _, &mut [Member]) = match self {
            Kind::Struct(s) => (&mut s.fields, s.extra.as_mut(), &mut []),
            Kind::Union(u) => (&mut [], None, &mut u.members),
            Kind::Enum(_) | Kind::Const(_) => (&mut [], None, &mut []),
        };
        let fields = fields
            .iter_mut()
            .enumerate()
            .map(|(i, f)| (Slot::Field(i), &mut f.ty));
        let extra = extra.map(|e| (Slot::Extra, &mut e.value));
        let members = members
            .iter_mut()
            .enumerate()
            .map(|(i, m)| (Slot::Member(i), &mut m.ty));
        fields.chain(extra).chain(members)
    }

    /// Every named type the kind refers to, at any depth, in slot order.
    pub fn refs(&self) -> Vec<TypeId> {
        let mut out = Vec::new();
        for (_, ty) in self.tys() {
            ty.visit_named(&mut |id| out.push(id));
        }
        out
    }
}

impl Ty {
    /// Calls `f` with every named type in this type, at any depth.
    pub fn visit_named(&self, f: &mut impl FnMut(TypeId)) {
        match self {
            Ty::Named(id) => f(*id),
            Ty::List(t) | Ty::Map(t) | Ty::Nullable(t) | Ty::Boxed(t) => t.visit_named(f),
            _ => {}
        }
    }

    /// [`Ty::visit_named`], with each reference mutable.
    pub fn visit_named_mut(&mut self, f: &mut impl FnMut(&mut TypeId)) {
        match self {
            Ty::Named(id) => f(id),
            Ty::List(t) | Ty::Map(t) | Ty::Nullable(t) | Ty::Boxed(t) => t.visit_named_mut(f),
            _ => {}
        }
    }
}

/// A field or union member whose documented type could not be used: it is read as
/// any JSON value (`serde_json::Value`), with a warning (an error under `strict`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Degraded {
    /// Where and why, as reported.
    pub diagnostic: Diagnostic,
    /// Why the documented type could not be used.
    pub cause: DegradeCause,
}

/// Why a type was degraded to any JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DegradeCause {
    /// The Type cell's notation is one no grammar knows.
    UnknownNotation,
    /// The link's target exists nowhere among the inputs, by path or by name: the docs
    /// themselves are broken there.
    MissingTarget,
}
