//! `cargo bench -p payload-bench --bench unions`: a union-heavy payload (firewall rules
//! told apart by a constant `type`, limits that are text or numbers, actions told
//! apart by the field `## Union Discrimination` names, routes told apart by their
//! keys) read through the generated unions, and through the same members behind
//! `#[serde(untagged)]` derives, which is what the generator emitted before its union
//! reader (and which picks the wrong route). Medians of alternating runs; prints one
//! `UNIONS key=value ...` line for `scripts/bench.sh`.

use payload_bench::unions::{go, py, ts};
use serde::Deserialize;
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The generator's output before its union reader: untagged derives over the same
/// member types.
mod before {
    use super::{go, py, ts, Deserialize};

    #[derive(Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub enum Rule {
        Host(ts::HostRule),
        Path(ts::PathRule),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub enum Limit {
        Number(f64),
        Str(String),
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Firewall {
        pub rule: Rule,
        pub limit: Option<Limit>,
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub enum Action {
        Search(go::SearchAction),
        Open(go::OpenAction),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub enum Route {
        Path(py::PathRoute),
        Expression(py::ExpressionRoute),
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Payload {
        pub firewalls: Vec<Firewall>,
        pub actions: Vec<Action>,
        pub routes: Vec<Route>,
    }
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct After {
    firewalls: Vec<ts::Firewall>,
    actions: Vec<go::Action>,
    routes: Vec<py::Route>,
}

const N: usize = 2000;

/// Half the rules and actions are the second member, so the first-member-wins order
/// of untagged derives is exercised both ways.
fn payload() -> Value {
    let firewalls: Vec<Value> = (0..N)
        .map(|i| match i % 4 {
            0 => {
                json!({"rule": {"type": "host", "value": format!("h{i}.example.com")}, "limit": i})
            }
            1 => json!({"rule": {"type": "path", "value": format!("/api/{i}")}, "limit": "10/s"}),
            2 => json!({"rule": {"type": "host", "value": "a.com", "limited": true}}),
            _ => json!({"rule": {"type": "path", "value": "/"}, "limit": 2.5}),
        })
        .collect();
    let actions: Vec<Value> = (0..N)
        .map(|i| match i % 2 {
            0 => json!({"type": "search", "query": format!("q{i}")}),
            _ => json!({"type": "open", "query": format!("doc{i}")}),
        })
        .collect();
    let routes: Vec<Value> = (0..N)
        .map(|i| match i % 2 {
            0 => json!({"path": format!("/r/{i}"), "methods": ["GET", "POST"]}),
            _ => json!({"path": "/x", "methods": ["GET"], "expression": "a > 1", "priority": i}),
        })
        .collect();
    json!({"firewalls": firewalls, "actions": actions, "routes": routes})
}

fn paired<A, B>(mut f: impl FnMut() -> A, mut g: impl FnMut() -> B) -> (Duration, Duration) {
    let (mut tf, mut tg) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while tf.len() < 30 || (start.elapsed() < Duration::from_millis(1500) && tf.len() < 500) {
        let t = Instant::now();
        black_box(f());
        tf.push(t.elapsed());
        let t = Instant::now();
        black_box(g());
        tg.push(t.elapsed());
    }
    tf.sort();
    tg.sort();
    (tf[tf.len() / 2], tg[tg.len() / 2])
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let text = payload().to_string();
    // The right members, and what the untagged derive gets wrong.
    let after: After = serde_json::from_str(&text).unwrap();
    assert_eq!(after.routes[1].member(), "ExpressionRoute");
    assert_eq!(after.actions[1].member(), "OpenAction");
    let (t_after, t_before) = paired(
        || serde_json::from_str::<After>(&text).unwrap(),
        || serde_json::from_str::<before::Payload>(&text).unwrap(),
    );
    let (_, t_value) = paired(
        || serde_json::from_str::<After>(&text).unwrap(),
        || serde_json::from_str::<Value>(&text).unwrap(),
    );
    let mbs = |t: Duration| text.len() as f64 / 1e6 / t.as_secs_f64();
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    println!(
        "union payload: {} bytes, {} union values",
        text.len(),
        4 * N
    );
    for (name, t) in [
        ("union reader (generated)", t_after),
        ("untagged derive (before)", t_before),
        ("serde_json::Value", t_value),
    ] {
        println!("{name:<28} {:>8.3} ms {:>8.1} MB/s", ms(t), mbs(t));
    }
    println!(
        "UNIONS bytes={} after_ms={:.3} before_ms={:.3} value_ms={:.3} after_mbs={:.1} before_mbs={:.1} value_mbs={:.1}",
        text.len(),
        ms(t_after),
        ms(t_before),
        ms(t_value),
        mbs(t_after),
        mbs(t_before),
        mbs(t_value)
    );
}
