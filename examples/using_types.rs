//! The README's "Using the generated types", compiled and run by `cargo test`
//! (`cargo run --example using_types` prints what it reads).

use generated::python::models::components::{ItemKind, Setting};
use generated::python::models::operations::{GetTokenRequest, GetTokenResponseBody};

fn main() -> Result<(), serde_json::Error> {
    // Read a response: keys as the API spells them, timestamps in any offset.
    let body = r#"{"id": 1272322473, "code": "3patfx1a78ukcbr7x0n9bl26t",
                   "createdAt": "2023-04-12T19:00:03+02:00", "expiresIn": 1800}"#;
    let pin: GetTokenResponseBody = serde_json::from_str(body)?;
    let code = pin.code.as_deref().unwrap_or("?");
    println!("pin {code} expires in {:?} s", pin.expires_in);

    // An enum value this version of the docs does not list is kept, not an error.
    let setting: Setting = serde_json::from_str(
        r#"{"id": "LiveTVLineup", "value": "auto", "kinds": ["movie", "audiobook"]}"#,
    )?;
    for kind in setting.kinds.iter().flatten() {
        match kind {
            ItemKind::Movie | ItemKind::Show => println!("video: {kind}"),
            ItemKind::Unknown(other) => println!("not in the docs yet: {other}"),
            known => println!("other listed kind: {known}"),
        }
    }
    assert_eq!(ItemKind::from("show"), ItemKind::Show);
    assert_eq!(ItemKind::VARIANTS.len(), 6);

    // Build a request body: the fields you need, the rest left out.
    let request = GetTokenRequest {
        client_identifier: "a1b2c3d4-demo".into(),
        ..Default::default()
    };
    // Write it out.
    let json = serde_json::to_string(&request)?;
    assert_eq!(json, r#"{"clientIdentifier":"a1b2c3d4-demo"}"#);
    println!("{json}");
    Ok(())
}

#[test]
fn the_readme_example_runs() {
    main().unwrap();
}
