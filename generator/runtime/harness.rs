//! The fixed part of the round-trip harness (`samples::harness`), spliced after the
//! generated `TYPES`, `check` and `check_all`: the check itself and the report. It
//! runs in the user's test target, so it needs only serde and serde_json.

/// What [`check_all`] found.
#[derive(Debug, Default)]
pub struct Report {
    /// Types with at least one sample, every one of which round-tripped.
    pub covered: usize,
    /// Samples checked.
    pub samples: usize,
    /// Union samples checked to come back as the member they were made from.
    pub members: usize,
    /// One message per failing sample: type, sample, first differing path.
    pub failures: Vec<String>,
}

/// Checks every sample of a `--samples` file (`{"<type path>": {"full": .., "minimal":
/// ..} | {"variants": [..], "members": [..]}}`) with `check`, which round-trips one
/// sample through the type at its path (the harness's `check`) and returns, for a
/// union, the member it was read as; a union's variant whose `members` entry names a
/// member must come back as that one.
pub fn check_all_with(
    samples: &::serde_json::Value,
    check: impl Fn(&str, &str, &::serde_json::Value) -> Result<Option<&'static str>, String>,
) -> Report {
    let mut report = Report::default();
    let Some(types) = samples.as_object() else {
        report
            .failures
            .push("samples: expected a JSON object keyed by type path".into());
        return report;
    };
    for (path, entry) in types {
        let mut cases: Vec<(String, &::serde_json::Value, Option<&str>)> = Vec::new();
        let members = entry.get("members").and_then(|m| m.as_array());
        for (kind, v) in entry.as_object().into_iter().flatten() {
            match v {
                ::serde_json::Value::Array(items) if kind == "variants" => {
                    cases.extend(items.iter().enumerate().map(|(i, v)| {
                        let member = members.and_then(|m| m.get(i)).and_then(|m| m.as_str());
                        (format!("variants[{i}]"), v, member)
                    }));
                }
                _ if kind == "members" => {}
                _ => cases.push((kind.clone(), v, None)),
            }
        }
        let before = report.failures.len();
        for (name, sample, member) in &cases {
            report.samples += 1;
            report.members += usize::from(member.is_some());
            match (check(path, name, sample), member) {
                (Err(e), _) => report.failures.push(e),
                (Ok(Some(got)), Some(want)) if got != *want => report.failures.push(format!(
                    "{path} [{name}]: the sample of member {want} was read as member {got}\n  sample: {sample}"
                )),
                _ => {}
            }
        }
        if !cases.is_empty() && report.failures.len() == before {
            report.covered += 1;
        }
    }
    report
}

/// Deserializes `sample` (from its JSON text, as a client would), serializes it back,
/// checks the JSON is equal, and that it deserializes again to an equal value.
pub fn round_trip<T>(
    path: &str,
    sample_name: &str,
    sample: &::serde_json::Value,
) -> Result<T, String>
where
    T: ::serde::Serialize + ::serde::de::DeserializeOwned + PartialEq + ::std::fmt::Debug,
{
    let fail = |what: String| format!("{path} [{sample_name}]: {what}\n  sample: {sample}");
    let text = sample.to_string();
    let value: T = ::serde_json::from_str(&text).map_err(|e| {
        let at = path_at(sample, e.column());
        fail(format!("does not deserialize at `{at}`: {e}"))
    })?;
    let back =
        ::serde_json::to_value(&value).map_err(|e| fail(format!("does not serialize: {e}")))?;
    if let Some(at) = first_difference(sample, &back, String::new()) {
        return Err(fail(format!("JSON differs at `{at}`\n  got:    {back}")));
    }
    let again: T = ::serde_json::from_str(&back.to_string())
        .map_err(|e| fail(format!("output does not deserialize: {e}")))?;
    if again != value {
        return Err(fail(format!(
            "deserializing the output gives another value: {again:?} vs {value:?}"
        )));
    }
    Ok(value)
}

/// The JSON pointer of the innermost value of `sample`, written compactly (as the
/// check sends it), that spans the 1-based byte column `col` of a parse error.
pub fn path_at(sample: &::serde_json::Value, col: usize) -> String {
    fn walk(
        v: &::serde_json::Value,
        at: String,
        text: &mut String,
        target: usize,
        best: &mut (usize, String),
    ) {
        use ::serde_json::Value;
        let start = text.len();
        match v {
            Value::Object(m) => {
                text.push('{');
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    text.push_str(&Value::String(k.clone()).to_string());
                    text.push(':');
                    walk(x, format!("{at}/{k}"), text, target, best);
                }
                text.push('}');
            }
            Value::Array(a) => {
                text.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    walk(x, format!("{at}/{i}"), text, target, best);
                }
                text.push(']');
            }
            scalar => text.push_str(&scalar.to_string()),
        }
        let span = text.len() - start;
        if start <= target && target <= text.len() && span < best.0 {
            *best = (span, if at.is_empty() { "/".to_string() } else { at });
        }
    }
    let mut best = (usize::MAX, "/".to_string());
    walk(
        sample,
        String::new(),
        &mut String::new(),
        col.saturating_sub(1),
        &mut best,
    );
    best.1
}

/// The JSON pointer of the first place where `a` and `b` differ.
pub fn first_difference(
    a: &::serde_json::Value,
    b: &::serde_json::Value,
    at: String,
) -> Option<String> {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let here = format!("{at}/{k}");
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, here) {
                            return Some(d);
                        }
                    }
                    None => return Some(here),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}/{k}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(v, w, format!("{at}/{i}")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at}/{}", x.len().min(y.len())))
        }
        _ => (a != b).then(|| if at.is_empty() { "/".to_string() } else { at }),
    }
}
