//! Casings: how a field's words are spelled as a JSON key, and which casing a key
//! seen in the wild follows.

use crate::naming;
use std::fmt;
use std::str::FromStr;

/// How JSON keys are spelled from a field's words. The plain forms carry serde's
/// `rename_all` names; the forms that keep initialisms (ID, URL, URI, UUID, GUID) in
/// capitals after the first word have their own.
///
/// | Casing | Name | `library_section_id` |
/// | --- | --- | --- |
/// | [`Casing::Camel`] | `camelCase` | `librarySectionId` |
/// | [`Casing::CamelInitialisms`] | `camelCase-initialisms` | `librarySectionID` |
/// | [`Casing::Pascal`] | `PascalCase` | `LibrarySectionId` |
/// | [`Casing::PascalInitialisms`] | `PascalCase-initialisms` | `LibrarySectionID` |
/// | [`Casing::Snake`] | `snake_case` | `library_section_id` |
/// | [`Casing::AsDocumented`] | `as-documented` | the doc's name |
///
/// A name with punctuation or non-ASCII letters (`content-type`, `größe`) is the key
/// itself: no casing respells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Casing {
    /// lowerCamelCase, initialisms like any word: `librarySectionId`.
    Camel,
    /// lowerCamelCase, initialisms in capitals: `librarySectionID`.
    CamelInitialisms,
    /// UpperCamelCase, initialisms like any word: `LibrarySectionId`.
    Pascal,
    /// UpperCamelCase, initialisms in capitals: `LibrarySectionID`.
    PascalInitialisms,
    /// Lower-case words joined by `_`.
    Snake,
    /// The field name exactly as the doc writes it.
    AsDocumented,
}

/// A casing's name is not one of [`Casing::ALL`]'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCasing(pub String);

impl fmt::Display for UnknownCasing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a casing ({}), found `{}`",
            Casing::NAMES,
            self.0
        )
    }
}

impl std::error::Error for UnknownCasing {}

impl Casing {
    /// Every casing, in the order the docs list them.
    pub const ALL: [Casing; 6] = [
        Casing::Camel,
        Casing::CamelInitialisms,
        Casing::Pascal,
        Casing::PascalInitialisms,
        Casing::Snake,
        Casing::AsDocumented,
    ];

    /// The names, for messages.
    pub const NAMES: &'static str = "camelCase, camelCase-initialisms, PascalCase, PascalCase-initialisms, snake_case, as-documented";

    /// The name used in the overrides file, on the command line and in the summary.
    pub fn name(self) -> &'static str {
        match self {
            Casing::Camel => "camelCase",
            Casing::CamelInitialisms => "camelCase-initialisms",
            Casing::Pascal => "PascalCase",
            Casing::PascalInitialisms => "PascalCase-initialisms",
            Casing::Snake => "snake_case",
            Casing::AsDocumented => "as-documented",
        }
    }

    /// The casing with this name.
    pub fn parse(name: &str) -> Option<Casing> {
        Casing::ALL.into_iter().find(|c| c.name() == name)
    }

    /// This casing's family with initialisms in capitals (`caps`) or not; snake_case
    /// and as-documented have no such variant.
    pub fn with_initialisms(self, caps: bool) -> Casing {
        match (self, caps) {
            (Casing::Camel | Casing::CamelInitialisms, false) => Casing::Camel,
            (Casing::Camel | Casing::CamelInitialisms, true) => Casing::CamelInitialisms,
            (Casing::Pascal | Casing::PascalInitialisms, false) => Casing::Pascal,
            (Casing::Pascal | Casing::PascalInitialisms, true) => Casing::PascalInitialisms,
            (other, _) => other,
        }
    }

    /// Whether initialisms are written in capitals; `None` for casings without the
    /// distinction.
    pub fn initialisms(self) -> Option<bool> {
        match self {
            Casing::Camel | Casing::Pascal => Some(false),
            Casing::CamelInitialisms | Casing::PascalInitialisms => Some(true),
            Casing::Snake | Casing::AsDocumented => None,
        }
    }

    /// The key for a field whose doc name is `doc_name`.
    pub fn apply(self, doc_name: &str) -> String {
        self.key(&naming::words(doc_name), doc_name)
    }

    /// [`Casing::apply`] with the name's words already split.
    pub fn key(self, words: &[String], doc_name: &str) -> String {
        if words.is_empty() || is_literal(doc_name) {
            return doc_name.to_string();
        }
        match self {
            Casing::Camel => naming::camel_key(words, false, false),
            Casing::CamelInitialisms => naming::camel_key(words, false, true),
            Casing::Pascal => naming::camel_key(words, true, false),
            Casing::PascalInitialisms => naming::camel_key(words, true, true),
            Casing::Snake => words.join("_"),
            Casing::AsDocumented => doc_name.to_string(),
        }
    }
}

impl fmt::Display for Casing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Casing {
    type Err = UnknownCasing;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Casing::parse(s).ok_or_else(|| UnknownCasing(s.to_string()))
    }
}

/// Read from the wire-names file by name; an unknown name's message lists the casings.
impl<'de> serde::Deserialize<'de> for Casing {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = Casing;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a casing ({})", Casing::NAMES)
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Casing, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Name)
    }
}

/// Whether a doc name is the key itself rather than an SDK spelling of one: it has
/// punctuation or non-ASCII letters (`content-type`, `größe`).
pub fn is_literal(doc_name: &str) -> bool {
    !doc_name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The casing family a key seen in the wild follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Camel,
    Snake,
    Pascal,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Camel, Family::Snake, Family::Pascal];

    /// The casing of this family, with initialisms in capitals when `caps`.
    pub fn casing(self, caps: bool) -> Casing {
        match self {
            Family::Camel => Casing::Camel.with_initialisms(caps),
            Family::Pascal => Casing::Pascal.with_initialisms(caps),
            Family::Snake => Casing::Snake,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// What a key says about the API's casing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyStyle {
    /// The family the key follows: only keys of two words or more tell (`id` could be
    /// any), and only when one family spells the key exactly.
    pub family: Option<Family>,
    /// Whether an initialism after the first word is in capitals (`librarySectionID`:
    /// yes, `documentId`: no); `None` when the key has none or is not camel or Pascal.
    pub initialisms: Option<bool>,
}

impl KeyStyle {
    /// The style of `key`, whose words are `words`.
    pub fn of(key: &str, words: &[String]) -> KeyStyle {
        // Leading underscores mark private or meta keys (`_links`, `__typename`); the
        // rest still shows the casing.
        let key = key.trim_start_matches('_');
        if words.len() < 2 || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return KeyStyle::default();
        }
        if key.contains('_') {
            let snake = key == words.join("_");
            return KeyStyle {
                family: snake.then_some(Family::Snake),
                initialisms: None,
            };
        }
        let upper = key.starts_with(|c: char| c.is_ascii_uppercase());
        let family = if upper { Family::Pascal } else { Family::Camel };
        let plain = naming::camel_key(words, upper, false);
        let caps = naming::camel_key(words, upper, true);
        let initialisms = (plain != caps).then_some(key == caps);
        if key == plain || key == caps {
            KeyStyle {
                family: Some(family),
                initialisms,
            }
        } else {
            KeyStyle::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(key: &str) -> KeyStyle {
        KeyStyle::of(key, &naming::words(key))
    }

    #[test]
    fn every_casing_spells_the_words() {
        let key = |c: Casing| c.apply("library_section_id");
        assert_eq!(key(Casing::Camel), "librarySectionId");
        assert_eq!(key(Casing::CamelInitialisms), "librarySectionID");
        assert_eq!(key(Casing::Pascal), "LibrarySectionId");
        assert_eq!(key(Casing::PascalInitialisms), "LibrarySectionID");
        assert_eq!(key(Casing::Snake), "library_section_id");
        assert_eq!(
            Casing::Snake.apply("LibrarySectionID"),
            "library_section_id"
        );
        assert_eq!(
            Casing::AsDocumented.apply("Media_Container"),
            "Media_Container"
        );
        // A name that is the key itself stays as it is.
        assert_eq!(Casing::Snake.apply("content-type"), "content-type");
        assert_eq!(Casing::Pascal.apply("größe"), "größe");
        // A keyword escape is dropped; as documented keeps it.
        assert_eq!(Casing::Camel.apply("filter_"), "filter");
        assert_eq!(Casing::AsDocumented.apply("filter_"), "filter_");
    }

    #[test]
    fn names_parse_back() {
        for c in Casing::ALL {
            assert_eq!(c.name().parse::<Casing>(), Ok(c));
            assert!(Casing::NAMES.contains(c.name()));
        }
        let err = "kebab-case".parse::<Casing>().unwrap_err();
        assert!(err.to_string().contains("camelCase-initialisms"), "{err}");
        assert_eq!(
            Casing::Camel.with_initialisms(true),
            Casing::CamelInitialisms
        );
        assert_eq!(
            Casing::PascalInitialisms.with_initialisms(false),
            Casing::Pascal
        );
        assert_eq!(Casing::Snake.with_initialisms(true), Casing::Snake);
    }

    #[test]
    fn key_styles() {
        let s = |family, initialisms| KeyStyle {
            family: Some(family),
            initialisms,
        };
        assert_eq!(style("librarySectionID"), s(Family::Camel, Some(true)));
        assert_eq!(style("documentId"), s(Family::Camel, Some(false)));
        assert_eq!(style("allowSync"), s(Family::Camel, None));
        assert_eq!(style("MediaContainer"), s(Family::Pascal, None));
        assert_eq!(style("LibrarySectionUUID"), s(Family::Pascal, Some(true)));
        assert_eq!(style("continent_code"), s(Family::Snake, None));
        assert_eq!(style("_created_at"), s(Family::Snake, None));
        // One word tells nothing; neither do keys no casing spells.
        assert_eq!(style("id"), KeyStyle::default());
        assert_eq!(style("Metadata"), KeyStyle::default());
        assert_eq!(style("AD_ACCOUNT_ID"), KeyStyle::default());
        assert_eq!(style("foo_Bar"), KeyStyle::default());
        assert_eq!(style("content-type"), KeyStyle::default());
        assert_eq!(style("a__b"), KeyStyle::default());
    }
}
