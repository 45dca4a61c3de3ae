//! `cargo bench -p payload-bench`: a ~400 KB Plex-style library listing (see
//! `payload::value`) deserialized and serialized through the generated types, plain
//! and with unknown-key capture (into maps, and as text), and through
//! `serde_json::Value`; deserialized also
//! through the same structs written with serde's derive (`payload_bench::derived`).
//!
//! Criterion measures each case; afterwards a quick median-of-runs pass prints a
//! throughput table and one `PAYLOAD key=value ...` line for `scripts/bench.sh`.
//! `PAYLOAD_BENCH_SUMMARY_ONLY=1` skips criterion and prints only the summary.

use criterion::{Criterion, Throughput};
use payload_bench::{capture, capture_text, derived, payload, plain};
use serde_json::Value;
use std::hint::black_box;
use std::time::{Duration, Instant};

type Plain = plain::operations::GetLibraryItemsResponseBody;
type Capture = capture::operations::GetLibraryItemsResponseBody;
type CaptureText = capture_text::operations::GetLibraryItemsResponseBody;
type Derived = derived::plain::GetLibraryItemsResponseBody;
type Flatten = derived::flatten::GetLibraryItemsResponseBody;

fn main() {
    let text = payload::json(payload::ITEMS);
    let as_plain: Plain = serde_json::from_str(&text).unwrap();
    let as_capture: Capture = serde_json::from_str(&text).unwrap();
    let as_text: CaptureText = serde_json::from_str(&text).unwrap();
    let as_value: Value = serde_json::from_str(&text).unwrap();
    let out_len = |v: &dyn erased::Ser| v.to_json().len() as u64;
    let (plain_out, capture_out, text_out, value_out) = (
        out_len(&as_plain),
        out_len(&as_capture),
        out_len(&as_text),
        out_len(&as_value),
    );

    let args: Vec<String> = std::env::args().collect();
    let listing = args.iter().any(|a| a == "--list" || a == "--test");
    if std::env::var_os("PAYLOAD_BENCH_SUMMARY_ONLY").is_none() {
        let mut c = Criterion::default().configure_from_args();
        let mut g = c.benchmark_group("deserialize");
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("plain", |b| {
            b.iter(|| serde_json::from_str::<Plain>(black_box(&text)).unwrap())
        });
        g.bench_function("capture", |b| {
            b.iter(|| serde_json::from_str::<Capture>(black_box(&text)).unwrap())
        });
        g.bench_function("capture_text", |b| {
            b.iter(|| serde_json::from_str::<CaptureText>(black_box(&text)).unwrap())
        });
        g.bench_function("value", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(&text)).unwrap())
        });
        g.bench_function("derive", |b| {
            b.iter(|| serde_json::from_str::<Derived>(black_box(&text)).unwrap())
        });
        g.bench_function("derive_flatten", |b| {
            b.iter(|| serde_json::from_str::<Flatten>(black_box(&text)).unwrap())
        });
        g.finish();
        let mut g = c.benchmark_group("serialize");
        g.throughput(Throughput::Bytes(plain_out));
        g.bench_function("plain", |b| {
            b.iter(|| serde_json::to_string(black_box(&as_plain)).unwrap())
        });
        g.throughput(Throughput::Bytes(capture_out));
        g.bench_function("capture", |b| {
            b.iter(|| serde_json::to_string(black_box(&as_capture)).unwrap())
        });
        g.throughput(Throughput::Bytes(text_out));
        g.bench_function("capture_text", |b| {
            b.iter(|| serde_json::to_string(black_box(&as_text)).unwrap())
        });
        g.throughput(Throughput::Bytes(value_out));
        g.bench_function("value", |b| {
            b.iter(|| serde_json::to_string(black_box(&as_value)).unwrap())
        });
        g.finish();
        c.final_summary();
    }
    if listing {
        return;
    }

    // Cases that are compared run in alternating blocks (see `paired`).
    let (de_plain, de_value) = paired(
        || serde_json::from_str::<Plain>(&text).unwrap(),
        || serde_json::from_str::<Value>(&text).unwrap(),
    );
    // The same structs with serde's derive: the generated readers against the usual
    // ceiling for serde_json, not only against `Value`.
    let (_, de_derive) = paired(
        || serde_json::from_str::<Plain>(&text).unwrap(),
        || serde_json::from_str::<Derived>(&text).unwrap(),
    );
    let (_, de_capture) = paired(
        || serde_json::from_str::<Plain>(&text).unwrap(),
        || serde_json::from_str::<Capture>(&text).unwrap(),
    );
    let (_, de_text) = paired(
        || serde_json::from_str::<Plain>(&text).unwrap(),
        || serde_json::from_str::<CaptureText>(&text).unwrap(),
    );
    // Capture as schema generators emit it: the derive with a `#[serde(flatten)]` map.
    let (_, de_flatten) = paired(
        || serde_json::from_str::<Plain>(&text).unwrap(),
        || serde_json::from_str::<Flatten>(&text).unwrap(),
    );
    // The same listing with only declared keys: what capturing costs when there is
    // nothing unknown to keep (the mechanism alone, not the extra data).
    let known = serde_json::to_string(&as_plain).unwrap();
    let (de_plain_known, de_capture_known) = paired(
        || serde_json::from_str::<Plain>(&known).unwrap(),
        || serde_json::from_str::<Capture>(&known).unwrap(),
    );
    let (de_plain_known_t, de_text_known) = paired(
        || serde_json::from_str::<Plain>(&known).unwrap(),
        || serde_json::from_str::<CaptureText>(&known).unwrap(),
    );
    // Capture cost against the share of the bytes that are unknown keys: the same
    // listing with 0%, 25%, 50%, 75% and all of its unknown keys.
    let known_only = {
        let mut v = payload::value(payload::ITEMS);
        payload::thin_unknown(&mut v, 0);
        serde_json::to_string(&v).unwrap().len()
    };
    let mut sweep = Vec::new();
    for keep in [0, 25, 50, 75, 100] {
        let mut v = payload::value(payload::ITEMS);
        payload::thin_unknown(&mut v, keep);
        let t = serde_json::to_string(&v).unwrap();
        let share = 1.0 - known_only as f64 / t.len() as f64;
        let (p, c) = paired(
            || serde_json::from_str::<Plain>(&t).unwrap(),
            || serde_json::from_str::<Capture>(&t).unwrap(),
        );
        let (pt, ct) = paired(
            || serde_json::from_str::<Plain>(&t).unwrap(),
            || serde_json::from_str::<CaptureText>(&t).unwrap(),
        );
        let cost = |c: Duration, p: Duration| c.as_secs_f64() / p.as_secs_f64();
        sweep.push((keep, share, cost(c, p), cost(ct, pt)));
    }
    let (ser_plain, ser_value) = paired(
        || serde_json::to_string(&as_plain).unwrap(),
        || serde_json::to_string(&as_value).unwrap(),
    );
    let (_, ser_capture) = paired(
        || serde_json::to_string(&as_plain).unwrap(),
        || serde_json::to_string(&as_capture).unwrap(),
    );
    let (_, ser_text) = paired(
        || serde_json::to_string(&as_plain).unwrap(),
        || serde_json::to_string(&as_text).unwrap(),
    );
    // Reading, then looking up one kept key of every listed item: as text the first
    // look parses that item's kept text once; in maps it is a lookup.
    let (de_text_get, de_capture_get) = paired(
        || {
            let body = serde_json::from_str::<CaptureText>(&text).unwrap();
            let items = body.media_container.and_then(|m| m.metadata);
            let found = items.iter().flatten();
            found
                .filter_map(|i| i.additional_properties.get("ratingKey")?.as_str())
                .count()
        },
        || {
            let body = serde_json::from_str::<Capture>(&text).unwrap();
            let items = body.media_container.and_then(|m| m.metadata);
            let found = items.iter().flatten();
            found
                .filter_map(|i| i.additional_properties.get("ratingKey")?.as_str())
                .count()
        },
    );
    let mbs = |bytes: u64, t: Duration| bytes as f64 / 1e6 / t.as_secs_f64();
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    let n = text.len() as u64;

    println!(
        "\npayload: {} items, {n} bytes of JSON in; written back: plain {plain_out} bytes \
         (unknown keys dropped), capture {capture_out}, capture as text {text_out}, \
         Value {value_out}",
        payload::ITEMS
    );
    println!("{:<38} {:>9} {:>9}", "median of runs", "ms", "MB/s");
    for (name, t, bytes) in [
        ("deserialize plain", de_plain, n),
        ("deserialize capture", de_capture, n),
        ("deserialize capture as text", de_text, n),
        ("deserialize Value", de_value, n),
        ("deserialize serde derive", de_derive, n),
        ("deserialize derive + flatten map", de_flatten, n),
        (
            "deserialize plain, known keys only",
            de_plain_known,
            plain_out,
        ),
        (
            "deserialize capture, known keys only",
            de_capture_known,
            plain_out,
        ),
        (
            "deserialize capture as text, known only",
            de_text_known,
            plain_out,
        ),
        ("serialize plain", ser_plain, plain_out),
        ("serialize capture", ser_capture, capture_out),
        ("serialize capture as text", ser_text, text_out),
        ("serialize Value", ser_value, value_out),
        ("capture as text + a get per item", de_text_get, n),
        ("capture + a get per item", de_capture_get, n),
    ] {
        println!("{name:<38} {:>9.3} {:>9.1}", ms(t), mbs(bytes, t));
    }
    let speedup = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
    println!(
        "deserialize: generated types {:.2}x the speed of Value, {:.2}x the speed of serde's \
         derive; capture {:.2}x the speed of plain ({:.2}x with known keys only)",
        speedup(de_plain, de_value),
        speedup(de_plain, de_derive),
        speedup(de_capture, de_plain),
        speedup(de_capture_known, de_plain_known),
    );
    println!(
        "capture as text (KeepUnknown::Text): {:.2}x the speed of plain ({:.2}x with known \
         keys only)",
        speedup(de_text, de_plain),
        speedup(de_text_known, de_plain_known_t),
    );
    println!(
        "reading, then one kept key of each of the {} items: as text {:.2}x the time of plain \
         (the first look parses each item's kept text), into maps {:.2}x",
        payload::ITEMS,
        speedup(de_plain, de_text_get),
        speedup(de_plain, de_capture_get),
    );
    println!(
        "capture as schema generators emit it (serde's derive with a #[serde(flatten)] map): \
         {:.2}x the speed of plain; generated capture {:.2}x its speed",
        speedup(de_flatten, de_plain),
        speedup(de_capture, de_flatten),
    );
    // Capture runs plain's readers and also keeps the unknown values, so its extra
    // time X does not shrink with faster readers: plain >= 2x Value (P <= V/2) and
    // capture <= 1.5x plain (X <= P/2) can only hold together while X <= V/4.
    let extra = |c: Duration| ms(c.saturating_sub(de_plain));
    let value_quarter = ms(de_value) / 4.0;
    println!(
        "capture's extra time (capture - plain): into maps {:.3} ms, as text {:.3} ms; plain at \
         2x Value and capture at 1.5x plain can hold together only while it is at most \
         Value / 4: {value_quarter:.3} ms",
        extra(de_capture),
        extra(de_text),
    );
    println!(
        "capture cost (time capturing / time plain) by share of unknown bytes, into maps and as \
         text:"
    );
    for (keep, share, cost, text_cost) in &sweep {
        println!(
            "  {keep:>3}% of unknown keys kept: {:>4.1}% of the bytes unknown, cost {cost:.2}x, \
             as text {text_cost:.2}x",
            share * 100.0
        );
    }
    for (keep, share, cost, text_cost) in &sweep {
        println!(
            "SWEEP keep={keep} unknown_pct={:.1} cost={cost:.2} text_cost={text_cost:.2}",
            share * 100.0
        );
    }
    println!(
        "PAYLOAD bytes={n} items={} de_plain_mbs={:.1} de_capture_mbs={:.1} de_value_mbs={:.1} \
         ser_plain_mbs={:.1} ser_capture_mbs={:.1} ser_value_mbs={:.1} \
         de_plain_vs_value={:.2} de_capture_vs_plain={:.2} ser_plain_vs_value={:.2} \
         ser_capture_vs_plain={:.2} de_capture_vs_plain_known={:.2} de_derive_mbs={:.1} \
         de_plain_vs_derive={:.2} de_derive_vs_value={:.2} de_flatten_mbs={:.1} \
         de_flatten_vs_plain={:.2} de_capture_vs_flatten={:.2} de_capture_extra_ms={:.3} \
         de_value_quarter_ms={:.3} de_text_mbs={:.1} de_text_vs_plain={:.2} \
         de_text_vs_plain_known={:.2} ser_text_mbs={:.1} ser_text_vs_plain={:.2} \
         de_text_extra_ms={:.3} de_text_get_vs_plain={:.2} de_capture_get_vs_plain={:.2}",
        payload::ITEMS,
        mbs(n, de_plain),
        mbs(n, de_capture),
        mbs(n, de_value),
        mbs(plain_out, ser_plain),
        mbs(capture_out, ser_capture),
        mbs(value_out, ser_value),
        speedup(de_plain, de_value),
        speedup(de_capture, de_plain),
        speedup(ser_plain, ser_value),
        speedup(ser_capture, ser_plain),
        speedup(de_capture_known, de_plain_known),
        mbs(n, de_derive),
        speedup(de_plain, de_derive),
        speedup(de_derive, de_value),
        mbs(n, de_flatten),
        speedup(de_flatten, de_plain),
        speedup(de_capture, de_flatten),
        extra(de_capture),
        value_quarter,
        mbs(n, de_text),
        speedup(de_text, de_plain),
        speedup(de_text_known, de_plain_known_t),
        mbs(text_out, ser_text),
        speedup(ser_text, ser_plain),
        extra(de_text),
        speedup(de_plain, de_text_get),
        speedup(de_plain, de_capture_get),
    );
}

/// Median times of `f` and `g`, run in alternating blocks (`BLOCK` runs of `f`, then
/// `BLOCK` of `g`, ...; at least 3 blocks each, about 0.6 s), so a change in machine
/// speed during the run hits both alike. The first `WARM` runs of each block are not
/// counted: right after the other case the allocator still holds that case's freed
/// memory, and the first run pays for it (a plain read right after a `Value` one takes
/// about 1.4x its steady time). Alternating single runs would time every run in that
/// state; blocks time each case as a program that keeps reading one kind of response.
fn paired<A, B>(mut f: impl FnMut() -> A, mut g: impl FnMut() -> B) -> (Duration, Duration) {
    const BLOCK: usize = 10;
    const WARM: usize = 2;
    fn block<T>(f: &mut impl FnMut() -> T, times: &mut Vec<Duration>) {
        for i in 0..BLOCK {
            let t = Instant::now();
            black_box(f());
            if i >= WARM {
                times.push(t.elapsed());
            }
        }
    }
    let (mut tf, mut tg) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while tf.len() < 3 * (BLOCK - WARM)
        || (start.elapsed() < Duration::from_millis(600) && tf.len() < 1000)
    {
        block(&mut f, &mut tf);
        block(&mut g, &mut tg);
    }
    tf.sort();
    tg.sort();
    (tf[tf.len() / 2], tg[tg.len() / 2])
}

mod erased {
    /// Serializes any of the representations without naming its type.
    pub trait Ser {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}
