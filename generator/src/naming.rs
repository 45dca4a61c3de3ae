//! Rust identifiers and wire names from doc text. Every identifier the emitter prints
//! comes from here, so it is always a valid, non-reserved Rust identifier, whatever the
//! doc says.

use heck::ToSnakeCase;
use std::collections::BTreeSet;

/// Keywords of every edition (strict, reserved and weak-but-problematic).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Initialisms written in capitals inside camelCase wire names (`librarySectionID`).
const INITIALISMS: &[&str] = &["id", "url", "uri", "uuid", "guid"];

/// ASCII spellings of the letters U+00C0..=U+017F (Latin-1 Supplement and Latin
/// Extended-A): diacritics dropped, ligatures and `ß` spelled out; `""` for `×` and `÷`.
const LATIN: [&str; 192] = [
    "A", "A", "A", "A", "A", "A", "Ae", "C", "E", "E", "E", "E", "I", "I", "I", "I", //
    "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "Th", "ss", //
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", //
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", //
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d", //
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g", //
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i", //
    "I", "i", "Ij", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L", //
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o", //
    "O", "o", "Oe", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s", //
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u", //
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s", //
];

/// The ASCII letters for a Latin letter with a diacritic (`ö` -> `o`, `ß` -> `ss`).
fn ascii_letters(c: char) -> Option<&'static str> {
    let i = (c as u32).checked_sub(0xC0)? as usize;
    LATIN.get(i).copied().filter(|s| !s.is_empty())
}

/// Splits a doc name into lower-case ASCII words: `LibrarySectionID`,
/// `library_section_id` and `librarySectionId` all give `[library, section, id]`.
/// Latin letters with diacritics count as their ASCII letters (`Größe` gives
/// `[grosse]`); any other character that cannot appear in an identifier separates
/// words.
pub fn words(name: &str) -> Vec<String> {
    if !name.is_ascii() {
        let mut folded = String::with_capacity(name.len());
        for c in name.chars() {
            match c {
                c if c.is_ascii() => folded.push(c),
                c => folded.push_str(ascii_letters(c).unwrap_or(" ")),
            }
        }
        return words(&folded);
    }
    // heck's snake case splits where the case changes (`sectionID` -> `section_id`,
    // `DOVIBLCompat` -> `dovibl_compat`); names repeat, and model memoizes per name.
    let mut out = Vec::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        out.extend(
            part.to_snake_case()
                .split('_')
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// A snake_case field or module identifier (without any `r#`), from words.
pub fn snake_ident(words: &[String], fallback: &str) -> String {
    let s = words.join("_");
    let s = if s.is_empty() {
        fallback.to_string()
    } else {
        s
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    }
}

/// An UpperCamelCase type or variant identifier from arbitrary text.
pub fn camel_ident(text: &str, fallback: &str, digit_prefix: &str) -> String {
    // The words are lower-case ASCII, so capitalizing each is all UpperCamelCase does.
    let s = camel(&words(text), true, false);
    let s = if s.is_empty() {
        fallback.to_string()
    } else {
        s
    };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{s}")
    } else {
        s
    }
}

/// How an identifier must be written: plain, raw (`r#type`) or, for keywords that
/// cannot be raw, with a trailing underscore (`self_`).
pub fn escape_keyword(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// Makes `name` unique within `taken` by appending 2, 3, ... (with `sep`), and records it.
pub fn unique(name: String, sep: &str, taken: &mut BTreeSet<String>) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    (2..)
        .map(|n| format!("{name}{sep}{n}"))
        .find(|cand| taken.insert(cand.clone()))
        .unwrap_or(name)
}

fn camel(words: &[String], upper_first: bool, initialisms: bool) -> String {
    let mut out = String::with_capacity(words.iter().map(String::len).sum());
    camel_into(&mut out, words, upper_first, initialisms);
    out
}

fn camel_into(out: &mut String, words: &[String], upper_first: bool, initialisms: bool) {
    for (i, w) in words.iter().enumerate() {
        if initialisms && i > 0 && INITIALISMS.contains(&w.as_str()) {
            out.extend(w.chars().map(|c| c.to_ascii_uppercase()));
        } else if i == 0 && !upper_first {
            out.push_str(w);
        } else {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.push(f.to_ascii_uppercase());
                out.push_str(c.as_str());
            }
        }
    }
}

/// A key spelled from words in camelCase (`upper_first`: PascalCase), with the known
/// initialisms after the first word in capitals when `initialisms` is set
/// (`librarySectionID`) or capitalized like any word (`librarySectionId`).
pub fn camel_key(words: &[String], upper_first: bool, initialisms: bool) -> String {
    camel(words, upper_first, initialisms)
}

/// The key for a field with these words when nothing says how the API spells its
/// keys: plain lowerCamelCase (`clientIdentifier`, `librarySectionId`). Among the
/// camelCase APIs surveyed, `Id` is more common than `ID`.
pub fn wire_name(words: &[String]) -> String {
    camel(words, false, false)
}

/// The common spellings of a key with these words, accepted when deserializing:
/// snake_case, camelCase and PascalCase, the last two with initialisms in capitals and
/// without (sorted, without duplicates, `primary` or empty names).
pub fn wire_aliases(words: &[String], primary: &str) -> Vec<String> {
    let spellings: [fn(&mut String, &[String]); 5] = [
        |out, words| {
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    out.push('_');
                }
                out.push_str(w);
            }
        },
        |out, words| camel_into(out, words, false, false),
        |out, words| camel_into(out, words, false, true),
        |out, words| camel_into(out, words, true, true),
        |out, words| camel_into(out, words, true, false),
    ];
    let mut all: Vec<String> = Vec::new();
    // Each spelling is written into one buffer and copied out only when new: for
    // one-word names most coincide.
    let mut buf = String::new();
    for write in spellings {
        buf.clear();
        write(&mut buf, words);
        if !buf.is_empty() && buf != primary && !all.contains(&buf) {
            all.push(buf.clone());
        }
    }
    all.sort_unstable();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn words_split_where_the_case_changes() {
        assert_eq!(w("DOVIBLCompatID"), ["dovibl", "compat", "id"]);
        assert_eq!(w("xHTTP2Server"), ["x", "http2", "server"]);
        assert_eq!(w("a__b"), ["a", "b"]);
        assert_eq!(w("größe"), ["grosse"]);
        assert!(w("").is_empty());
        assert_eq!(camel_ident("HTTPServer", "", ""), "HttpServer");
        assert_eq!(camel_ident("1080p", "", "N"), "N1080p");
    }

    #[test]
    fn both_flavors_split_into_the_same_words() {
        assert_eq!(w("LibrarySectionID"), w("library_section_id"));
        assert_eq!(w("ClientIdentifier"), w("client_identifier"));
        assert_eq!(w("DOVIBLCompatID"), ["dovibl", "compat", "id"]);
        assert_eq!(w("filter_"), ["filter"]);
        assert_eq!(w("ID"), ["id"]);
    }

    #[test]
    fn wire_names_are_plain_lower_camel() {
        assert_eq!(wire_name(&w("client_identifier")), "clientIdentifier");
        assert_eq!(wire_name(&w("LibrarySectionID")), "librarySectionId");
        assert_eq!(wire_name(&w("ID")), "id");
        assert_eq!(wire_name(&w("filter_")), "filter");
        assert_eq!(
            camel_key(&w("library_section_id"), false, true),
            "librarySectionID"
        );
        assert_eq!(
            camel_key(&w("library_section_id"), true, false),
            "LibrarySectionId"
        );
        // The first word is never an initialism in capitals: `idCard`, not `IDCard`.
        assert_eq!(camel_key(&w("id_card"), false, true), "idCard");
        let a = wire_aliases(&w("library_section_id"), "librarySectionId");
        assert_eq!(
            a,
            [
                "LibrarySectionID",
                "LibrarySectionId",
                "librarySectionID",
                "library_section_id"
            ]
        );
        assert_eq!(wire_aliases(&w("id"), "id"), ["Id"]);
    }

    #[test]
    fn latin_letters_with_diacritics_count_as_their_ascii_letters() {
        assert_eq!(w("Größe"), ["grosse"]);
        assert_eq!(w("naïveCafé"), ["naive", "cafe"]);
        assert_eq!(w("Ærøskøbing"), ["aeroskobing"]);
        assert_eq!(w("straße_nr"), ["strasse", "nr"]);
        assert_eq!(w("ŁódźÜber"), ["lodz", "uber"]);
        // Other characters still separate words; `×` is not a letter.
        assert_eq!(w("a→b×c"), ["a", "b", "c"]);
        assert_eq!(w("日本"), Vec::<String>::new());
        // Every entry is ASCII letters or empty (the two signs).
        assert!(LATIN
            .iter()
            .all(|s| s.bytes().all(|b| b.is_ascii_alphabetic())));
        assert_eq!(LATIN.iter().filter(|s| s.is_empty()).count(), 2);
    }

    #[test]
    fn identifiers_are_always_valid() {
        assert_eq!(escape_keyword(snake_ident(&w("type"), "f")), "r#type");
        assert_eq!(escape_keyword(snake_ident(&w("self"), "f")), "self_");
        assert_eq!(escape_keyword(camel_ident("Self", "T", "T")), "Self_");
        assert_eq!(snake_ident(&w("1080p"), "f"), "_1080p");
        assert_eq!(camel_ident("3d model", "T", "T"), "T3dModel");
        assert_eq!(camel_ident("größe", "T", "T"), "Grosse");
        assert_eq!(camel_ident("日本", "Type", "T"), "Type");
        assert_eq!(camel_ident("ÄÖÜ", "Type", "T"), "Aou");
        assert_eq!(
            camel_ident("\"]; compile_error!(\"x\")", "T", "T"),
            "CompileErrorX"
        );
    }

    #[test]
    fn uniqueness_suffixes() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("a".into(), "_", &mut taken), "a");
        assert_eq!(unique("a".into(), "_", &mut taken), "a_2");
        assert_eq!(unique("a".into(), "_", &mut taken), "a_3");
    }
}
