//! The benchmark's response types written by hand with serde's own
//! `#[derive(Deserialize)]`: what a Rust developer would write without a generator.
//!
//! [`plain`] is the usual ceiling for reading JSON into structs with serde_json: the
//! payload bench reads the listing through it next to the generated types, so the
//! table shows what the generated readers cost against the derive, not only against
//! `Value`. [`flatten`] is the same structs with a `#[serde(flatten)]` map of
//! undeclared keys, which is how schema generators capture them (typify and
//! progenitor emit `#[serde(flatten)] extra: serde_json::Map<String, Value>` for
//! `additionalProperties`): the bench compares the generated capturing types with it.
//!
//! Both mirror the structs of `crate::plain` field for field (same field types, same
//! keys and spellings as aliases, `null` kept apart from absent where `plain` does),
//! and reuse its enums and union, whose readers are leaf values. Tests check that
//! they read the payload to the same data as the generated types.

use serde::{Deserialize, Deserializer};

/// A present key is `Some`, `null` included: serde's usual idiom for `Option<Option<T>>`.
fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The structs, with `$unknown` (a field, or nothing) added to each.
macro_rules! response_types {
    ($($unknown:tt)*) => {
        use crate::plain::components::{ItemKind, LineupType, SettingValue};
        use chrono::{DateTime, NaiveDate, Utc};
        use serde::{Deserialize, Serialize};
        use serde_json::Value;
        use std::collections::BTreeMap;
        use super::some;

        #[derive(Debug, Deserialize, Serialize)]
        pub struct GetLibraryItemsResponseBody {
            #[serde(
                rename = "mediaContainer",
                alias = "MediaContainer",
                alias = "media_container",
                skip_serializing_if = "Option::is_none"
            )]
            pub media_container: Option<MediaContainer>,
            $($unknown)*
        }

        #[derive(Debug, Deserialize, Serialize)]
        pub struct MediaContainer {
            #[serde(alias = "Size")]
            pub size: i64,
            #[serde(rename = "totalSize", alias = "TotalSize", alias = "total_size")]
            pub total_size: Option<i64>,
            #[serde(alias = "Offset")]
            pub offset: Option<i64>,
            #[serde(rename = "allowSync", alias = "AllowSync", alias = "allow_sync")]
            pub allow_sync: Option<bool>,
            #[serde(alias = "Identifier")]
            pub identifier: Option<String>,
            #[serde(
                rename = "librarySectionID",
                alias = "LibrarySectionID",
                alias = "LibrarySectionId",
                alias = "librarySectionId",
                alias = "library_section_id"
            )]
            pub library_section_id: Option<i64>,
            #[serde(
                rename = "librarySectionTitle",
                alias = "LibrarySectionTitle",
                alias = "library_section_title"
            )]
            pub library_section_title: Option<String>,
            #[serde(rename = "updatedAt", alias = "UpdatedAt", alias = "updated_at")]
            pub updated_at: Option<DateTime<Utc>>,
            #[serde(alias = "Metadata")]
            pub metadata: Option<Vec<LibraryItem>>,
            #[serde(alias = "Directory")]
            pub directory: Option<Vec<Node>>,
            #[serde(alias = "Setting")]
            pub setting: Option<Vec<Setting>>,
            $($unknown)*
        }

        #[derive(Debug, Deserialize, Serialize)]
        pub struct LibraryItem {
            #[serde(alias = "Title")]
            pub title: String,
            #[serde(alias = "Summary")]
            pub summary: Option<String>,
            #[serde(alias = "Year")]
            pub year: i64,
            #[serde(rename = "viewCount", alias = "ViewCount", alias = "view_count")]
            pub view_count: Option<i64>,
            #[serde(alias = "Rating")]
            pub rating: Option<f64>,
            #[serde(alias = "Watched")]
            pub watched: Option<bool>,
            #[serde(alias = "Payload")]
            pub payload: Value,
            #[serde(
                alias = "Extra",
                default,
                deserialize_with = "some",
                skip_serializing_if = "Option::is_none"
            )]
            pub extra: Option<Value>,
            #[serde(alias = "Labels")]
            pub labels: Option<Vec<String>>,
            #[serde(rename = "partNumbers", alias = "PartNumbers", alias = "part_numbers")]
            pub part_numbers: Option<Vec<i64>>,
            #[serde(alias = "Tags")]
            pub tags: Option<Vec<Tag>>,
            #[serde(alias = "Attributes")]
            pub attributes: Option<BTreeMap<String, Value>>,
            #[serde(
                rename = "alternateTitles",
                alias = "AlternateTitles",
                alias = "alternate_titles"
            )]
            pub alternate_titles: Option<BTreeMap<String, Vec<String>>>,
            #[serde(rename = "primaryTag", alias = "PrimaryTag", alias = "primary_tag")]
            pub primary_tag: Tag,
            #[serde(alias = "Measurement")]
            pub measurement: Option<Measurement>,
            #[serde(rename = "addedAt", alias = "AddedAt", alias = "added_at")]
            pub added_at: Option<DateTime<Utc>>,
            #[serde(
                rename = "originallyAvailableAt",
                alias = "OriginallyAvailableAt",
                alias = "originally_available_at"
            )]
            pub originally_available_at: Option<NaiveDate>,
            #[serde(rename = "type", alias = "Type")]
            pub kind: String,
            #[serde(alias = "Filter")]
            pub filter: Option<String>,
            #[serde(
                rename = "librarySectionID",
                alias = "LibrarySectionID",
                alias = "LibrarySectionId",
                alias = "librarySectionId",
                alias = "library_section_id"
            )]
            pub library_section_id: Option<i64>,
            #[serde(
                rename = "editionTitle",
                alias = "EditionTitle",
                alias = "edition_title"
            )]
            pub edition_title: Option<String>,
            #[serde(
                rename = "skipCount",
                alias = "SkipCount",
                alias = "skip_count",
                default,
                deserialize_with = "some",
                skip_serializing_if = "Option::is_none"
            )]
            pub skip_count: Option<Option<i64>>,
            #[serde(alias = "Pin")]
            pub pin: Option<String>,
            $($unknown)*
        }

        #[derive(Debug, Deserialize, Serialize)]
        pub struct Tag {
            #[serde(alias = "Id")]
            pub id: i64,
            #[serde(alias = "Tag")]
            pub tag: Option<String>,
            $($unknown)*
        }

        #[derive(Debug, Deserialize, Serialize)]
        pub struct Measurement {
            #[serde(alias = "Unit")]
            pub unit: String,
            #[serde(alias = "Level")]
            pub level: Option<f64>,
            $($unknown)*
        }

        #[derive(Debug, Deserialize, Serialize)]
        pub struct Node {
            #[serde(alias = "Name")]
            pub name: String,
            #[serde(alias = "Children")]
            pub children: Option<Vec<Node>>,
            #[serde(
                rename = "parentSummary",
                alias = "ParentSummary",
                alias = "parent_summary"
            )]
            pub parent_summary: Option<Box<NodeSummary>>,
            $($unknown)*
        }

        #[derive(Debug, Deserialize, Serialize)]
        pub struct NodeSummary {
            #[serde(alias = "Name")]
            pub name: Option<String>,
            #[serde(rename = "childCount", alias = "ChildCount", alias = "child_count")]
            pub child_count: Option<i64>,
            #[serde(alias = "Root")]
            pub root: Option<Box<Node>>,
            $($unknown)*
        }

        #[derive(Debug, Deserialize, Serialize)]
        pub struct Setting {
            #[serde(alias = "Id")]
            pub id: String,
            #[serde(alias = "Value")]
            pub value: SettingValue,
            #[serde(alias = "Lineup")]
            pub lineup: Option<LineupType>,
            #[serde(alias = "Kinds")]
            pub kinds: Option<Vec<ItemKind>>,
            $($unknown)*
        }
    };
}

/// Declared keys only: undeclared ones are skipped.
pub mod plain {
    response_types!();
}

/// Undeclared keys kept in a flattened map, as schema generators emit it.
pub mod flatten {
    response_types!(
        #[serde(flatten)]
        pub unknown: BTreeMap<String, Value>,
    );
}
