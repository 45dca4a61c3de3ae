//! A deterministic generator of Plex-style library listings: one `MediaContainer` with
//! `Metadata` items (nested tags, measurements, maps, free-form values), a `Directory`
//! tree and `Setting`s, in the mix of present, absent and `null` fields and RFC 3339
//! timestamps that real responses have, plus keys the docs do not list at every depth
//! (see [`UNKNOWN_KEYS`]).

use serde_json::{json, Map, Value};

/// Items in the benchmark payload: about 440 KB of JSON.
pub const ITEMS: usize = 400;

/// Keys the docs do not declare; the payload has them at every depth (response,
/// container, item, tag, measurement, node, node summary, setting). No declared field
/// and no free-form value uses these names.
pub const UNKNOWN_KEYS: &[&str] = &[
    "ratingKey",
    "guid",
    "thumb",
    "art",
    "duration",
    "contentRating",
    "studio",
    "Media",
    "Guid",
    "viewGroup",
    "mediaTagPrefix",
    "mediaTagVersion",
    "filterable",
    "sortable",
    "group",
    "hidden",
    "advanced",
    "loudnessRange",
    "truePeak",
    "leafCount",
    "tagKey",
];

/// Splitmix64: small, fast, and the same numbers everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
    fn words(&mut self, n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.pick(WORDS));
        }
        out
    }
    /// An RFC 3339 timestamp, in UTC or with an offset, sometimes with fractions.
    fn timestamp(&mut self) -> String {
        let (y, mo, d) = (
            2005 + self.below(20),
            1 + self.below(12),
            1 + self.below(28),
        );
        let (h, mi, s) = (self.below(24), self.below(60), self.below(60));
        match self.below(3) {
            0 => format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
            1 => format!(
                "{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
                self.below(1000)
            ),
            _ => format!(
                "{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+{:02}:00",
                self.below(12)
            ),
        }
    }
    fn date(&mut self) -> String {
        format!(
            "{}-{:02}-{:02}",
            1950 + self.below(75),
            1 + self.below(12),
            1 + self.below(28)
        )
    }
}

const WORDS: &[&str] = &[
    "voyage", "night", "river", "echo", "garden", "silver", "empire", "last", "summer", "winter",
    "signal", "harbor", "glass", "shadow", "north", "city", "storm", "letters", "orbit", "paper",
    "crown", "distant", "wild", "quiet", "fire", "island", "machine",
];
const GENRES: &[&str] = &[
    "Drama",
    "Comedy",
    "Science Fiction",
    "Thriller",
    "Documentary",
    "Animation",
    "Romance",
    "Horror",
    "Adventure",
    "Crime",
];
const KINDS: &[&str] = &["movie", "show", "segments-av", "clearLogo", "trailer"];

fn tag(rng: &mut Rng, unknown: bool) -> Value {
    let mut t = Map::new();
    t.insert("id".into(), json!(rng.below(100_000)));
    if rng.chance(85) {
        t.insert("tag".into(), json!(rng.pick(GENRES)));
    }
    if unknown && rng.chance(40) {
        t.insert("tagKey".into(), json!(format!("{:016x}", rng.next())));
    }
    Value::Object(t)
}

fn item(rng: &mut Rng, i: usize) -> Value {
    let mut m = Map::new();
    let n = 1 + rng.below(4) as usize;
    let title = rng.words(n);
    // Unknown keys first, as Plex sends them.
    let key = 1000 + i;
    m.insert("ratingKey".into(), json!(key.to_string()));
    m.insert(
        "guid".into(),
        json!(format!("plex://movie/{:024x}", rng.next())),
    );
    m.insert(
        "thumb".into(),
        json!(format!(
            "/library/metadata/{key}/thumb/{}",
            rng.below(1 << 30)
        )),
    );
    m.insert(
        "art".into(),
        json!(format!(
            "/library/metadata/{key}/art/{}",
            rng.below(1 << 30)
        )),
    );
    m.insert("duration".into(), json!(60_000 + rng.below(9_000_000)));
    m.insert(
        "contentRating".into(),
        json!(rng.pick(&["PG", "PG-13", "R", "TV-MA"])),
    );
    if rng.chance(60) {
        m.insert("studio".into(), json!(rng.words(2)));
    }
    if rng.chance(40) {
        m.insert(
            "Guid".into(),
            json!([
                {"id": format!("imdb://tt{:07}", rng.below(10_000_000))},
                {"id": format!("tmdb://{}", rng.below(1_000_000))},
            ]),
        );
    }
    if rng.chance(25) {
        m.insert(
            "Media".into(),
            json!([{
                "id": rng.below(1_000_000),
                "bitrate": 1000 + rng.below(40_000),
                "videoResolution": rng.pick(&["sd", "720", "1080", "4k"]),
                "optimizedForStreaming": rng.chance(50),
                "Part": [{
                    "id": rng.below(1_000_000),
                    "file": format!("/data/movies/{title}/{title}.mkv"),
                    "size": rng.below(40_000_000_000),
                    "container": "mkv",
                }],
            }]),
        );
    }
    // Declared fields.
    m.insert("title".into(), json!(title));
    if rng.chance(70) {
        let n = 12 + rng.below(30) as usize;
        m.insert("summary".into(), json!(rng.words(n)));
    }
    m.insert("year".into(), json!(1950 + rng.below(75)));
    if rng.chance(60) {
        m.insert("viewCount".into(), json!(rng.below(20)));
    }
    if rng.chance(80) {
        m.insert(
            "rating".into(),
            json!((rng.below(100) as f64) / 10.0 + 0.25),
        );
    }
    if rng.chance(50) {
        m.insert("watched".into(), json!(rng.chance(50)));
    }
    let payload = match rng.below(4) {
        0 => Value::Null,
        1 => json!({"agent": "tv.plex.agents.movie", "score": rng.below(100), "matched": true}),
        2 => json!([rng.below(10), rng.words(1), null]),
        _ => json!(rng.words(3)),
    };
    m.insert("payload".into(), payload);
    match rng.below(3) {
        0 => {}
        1 => {
            m.insert("extra".into(), Value::Null);
        }
        _ => {
            m.insert(
                "extra".into(),
                json!({"plugin": rng.words(1), "weight": rng.below(9)}),
            );
        }
    }
    if rng.chance(50) {
        let labels: Vec<String> = (0..rng.below(4)).map(|_| rng.words(1)).collect();
        m.insert("labels".into(), json!(labels));
    }
    if rng.chance(40) {
        let parts: Vec<u64> = (0..1 + rng.below(3)).map(|p| 100 + p).collect();
        m.insert("partNumbers".into(), json!(parts));
    }
    let tags: Vec<Value> = (0..2 + rng.below(6)).map(|_| tag(rng, true)).collect();
    m.insert("tags".into(), Value::Array(tags));
    if rng.chance(70) {
        m.insert(
            "attributes".into(),
            json!({
                "resolution": rng.pick(&["1080p", "2160p", "720p"]),
                "hdr": rng.chance(30),
                "channels": 2 + rng.below(7),
                "bitDepth": null,
            }),
        );
    }
    if rng.chance(30) {
        m.insert(
            "alternateTitles".into(),
            json!({"de": [rng.words(2)], "fr": [rng.words(2), rng.words(1)]}),
        );
    }
    m.insert("primaryTag".into(), tag(rng, false));
    if rng.chance(50) {
        let mut meas = json!({"unit": "LUFS", "level": -(rng.below(300) as f64) / 10.0 - 0.5});
        if rng.chance(50) {
            meas["loudnessRange"] = json!(rng.below(200) as f64 / 10.0 + 0.5);
            meas["truePeak"] = json!(-(rng.below(30) as f64) / 10.0 - 0.1);
        }
        m.insert("measurement".into(), meas);
    }
    if rng.chance(90) {
        m.insert("addedAt".into(), json!(rng.timestamp()));
    }
    if rng.chance(80) {
        m.insert("originallyAvailableAt".into(), json!(rng.date()));
    }
    m.insert(
        "type".into(),
        json!(rng.pick(&["movie", "episode", "track"])),
    );
    if rng.chance(10) {
        m.insert("filter".into(), json!("genre=drama|year>1990"));
    }
    m.insert("librarySectionID".into(), json!(1 + rng.below(4)));
    m.insert(
        "editionTitle".into(),
        if rng.chance(20) {
            json!(rng.words(2))
        } else {
            Value::Null
        },
    );
    match rng.below(3) {
        0 => {}
        1 => {
            m.insert("skipCount".into(), Value::Null);
        }
        _ => {
            m.insert("skipCount".into(), json!(rng.below(5)));
        }
    }
    Value::Object(m)
}

fn node(rng: &mut Rng, depth: u32) -> Value {
    let mut n = Map::new();
    n.insert("name".into(), json!(rng.words(2)));
    n.insert("leafCount".into(), json!(rng.below(500)));
    if depth > 0 {
        let children: Vec<Value> = (0..1 + rng.below(3))
            .map(|_| node(rng, depth - 1))
            .collect();
        n.insert("children".into(), Value::Array(children));
    }
    if rng.chance(60) {
        let mut s = json!({"name": rng.words(1), "childCount": rng.below(10), "hidden": false});
        if depth == 0 && rng.chance(30) {
            s["root"] = json!({"name": "Library", "leafCount": 0});
        }
        n.insert("parentSummary".into(), s);
    }
    Value::Object(n)
}

fn setting(rng: &mut Rng, i: usize) -> Value {
    let value = match rng.below(3) {
        0 => json!(rng.chance(50)),
        1 => json!(rng.below(1000) as f64 / 4.0),
        _ => json!(rng.words(2)),
    };
    let mut s = json!({
        "id": format!("Pref{i}"),
        "value": value,
        "group": rng.pick(&["general", "network", "library"]),
        "hidden": rng.chance(20),
        "advanced": rng.chance(30),
    });
    if rng.chance(50) {
        s["lineup"] = json!(rng.below(4) as i64 - 1);
    }
    if rng.chance(50) {
        let kinds: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(KINDS)).collect();
        s["kinds"] = json!(kinds);
    }
    s
}

/// The response as a JSON value: one `MediaContainer` with `items` library items.
pub fn value(items: usize) -> Value {
    let mut rng = Rng(0x5eed);
    let metadata: Vec<Value> = (0..items).map(|i| item(&mut rng, i)).collect();
    let directory: Vec<Value> = (0..items.div_ceil(20)).map(|_| node(&mut rng, 3)).collect();
    let settings: Vec<Value> = (0..items.div_ceil(10))
        .map(|i| setting(&mut rng, i))
        .collect();
    json!({
        "MediaContainer": {
            "size": items,
            "totalSize": items * 4,
            "offset": 0,
            "allowSync": true,
            "identifier": "com.plexapp.plugins.library",
            "librarySectionID": 1,
            "librarySectionTitle": null,
            "updatedAt": rng.timestamp(),
            "viewGroup": "movie",
            "mediaTagPrefix": "/system/bundle/media/flags/",
            "mediaTagVersion": 1_700_000_000u64,
            "Metadata": metadata,
            "Directory": directory,
            "Setting": settings,
        },
        "filterable": true,
        "sortable": true,
    })
}

/// The response as compact JSON text (the form a client receives).
pub fn json(items: usize) -> String {
    serde_json::to_string(&value(items)).expect("a Value always serializes")
}

/// Keeps each undeclared key (see [`UNKNOWN_KEYS`]) of `v` with probability `keep_pct`
/// percent, the same ones on every run: payloads between "only declared keys" (0) and
/// the full listing (100), to show how capture cost follows the share of unknown data.
/// Free-form values (`payload`, `extra`, `attributes`) are left as they are.
pub fn thin_unknown(v: &mut Value, keep_pct: u64) {
    fn walk(v: &mut Value, rng: &mut Rng, keep_pct: u64) {
        match v {
            Value::Object(map) => {
                map.retain(|k, _| !UNKNOWN_KEYS.contains(&k.as_str()) || rng.chance(keep_pct));
                for (k, v) in map.iter_mut() {
                    if !FREE_FORM.contains(&k.as_str()) {
                        walk(v, rng, keep_pct);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, rng, keep_pct)),
            _ => {}
        }
    }
    walk(v, &mut Rng(0x7819), keep_pct);
}

/// Keys whose values are free-form (`Any`, maps): everything inside them is declared.
pub const FREE_FORM: &[&str] = &["payload", "extra", "attributes"];
