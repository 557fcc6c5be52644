//! The `commerce-proxy` subcommands other than `serve`, run as the binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_commerce-proxy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    // The binary may exit before reading (an unknown operation): a broken pipe is fine.
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    child.wait_with_output().unwrap()
}

fn fixture(id: &str, name: &str) -> String {
    format!("{}/../tests/fixtures/{id}/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn endpoints_lists_the_catalogue_as_json() {
    let out = run(&["endpoints"], None);
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), commerce_kit::catalogue::endpoints().len());
    let overview = list.iter().find(|e| e["id"] == "s2.get_inventory_overview").expect("listed");
    assert_eq!((overview["vendor"].as_str(), overview["method"].as_str(), overview["path"].as_str()), (Some("s2"), Some("GET"), Some("/inventory/overview")));
}

#[test]
fn validate_accepts_a_good_body_and_lists_drift() {
    let out = run(&["validate", "s2.get_inventory_overview", &fixture("s2.get_inventory_overview", "good.json")], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("valid: s2.get_inventory_overview"));
    let drift = std::fs::read(fixture("s2.get_inventory_overview", "drift.json")).unwrap();
    let out = run(&["validate", "s2.get_inventory_overview", "-"], Some(&drift));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("3 drift path(s)") && text.contains("drift: $.items[2].level.allocated"), "{text}");
}

#[test]
fn validate_prints_every_error_and_exits_1() {
    let out = run(&["validate", "s2.get_inventory_overview", &fixture("s2.get_inventory_overview", "wrong_type.json")], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("$.items[1].level.available: expected integer, found string \"11\""), "{text}");
    let out = run(&["validate", "no.such_operation", "-"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown operation"));
}

#[test]
fn hash_password_prints_an_argon2id_hash_that_verifies() {
    let out = run(&["hash-password"], Some(b"correct horse\n"));
    assert!(out.status.success());
    let hash = String::from_utf8(out.stdout).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let users = vec![commerce_proxy::session::UserConfig {
        username: "u".into(),
        password_hash: commerce_proxy::secret::Secret::new(hash.trim()),
        role: commerce_proxy::session::Role::Viewer,
    }];
    let sessions = commerce_proxy::session::Sessions::new(users, Default::default());
    assert!(sessions.login("u", "correct horse", None).is_ok());
    assert_eq!(run(&["hash-password"], Some(b"")).status.code(), Some(2));
}

/// `serve` with `env` (and nothing from the caller's environment): its exit code if it
/// stopped within `within`, and everything it printed. Still running then: stopped.
fn serve_briefly(env: &[(&str, &str)], within: std::time::Duration) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_commerce-proxy"));
    command.args(["serve", "--listen", "127.0.0.1:0"]).env_clear().env("RUST_LOG", "info").stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("the binary runs");
    let started = std::time::Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > within {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    (code, format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn serve_refuses_real_credentials_without_a_base_url() {
    // S2 has no documented base URL: a token and organization alone must not quietly
    // become the embedded mock with demo users.
    let (code, out) = serve_briefly(&[("COMMERCE_S2_TOKEN", "real-token"), ("COMMERCE_S2_ORGANIZATION", "org")], std::time::Duration::from_secs(5));
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("s2.base_url") && out.contains("COMMERCE_S2_BASE_URL"), "{out}");
    assert!(!out.contains("real-token") && !out.contains("demo mode"), "{out}");
    // A username without its password is half a configuration, not the mock.
    let (code, out) = serve_briefly(&[("COMMERCE_SELLERS_COMMERCE_USERNAME", "key")], std::time::Duration::from_secs(5));
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("sellers_commerce.password") && out.contains("COMMERCE_SELLERS_COMMERCE_PASSWORD"), "{out}");
}

#[test]
fn serve_refuses_redis_without_a_token_key_and_starts_while_redis_is_down() {
    // Port 1: nothing listens there.
    let url = ("COMMERCE_PROXY_REDIS_URL", "redis://:hunter2-redis-pw@127.0.0.1:1/");
    let (code, out) = serve_briefly(&[url], std::time::Duration::from_secs(5));
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("redis_token_key") && out.contains("COMMERCE_PROXY_REDIS_TOKEN_KEY"), "{out}");
    assert!(!out.contains("hunter2"), "the Redis password is printed: {out}");
    // With its key, the proxy starts although Redis is unreachable (`/readyz` says so)
    // and keeps serving until killed.
    let key = "ab".repeat(32);
    let (code, out) = serve_briefly(&[url, ("COMMERCE_PROXY_REDIS_TOKEN_KEY", &key)], std::time::Duration::from_secs(3));
    assert_eq!(code, None, "{out}");
    assert!(out.contains("commerce-proxy listening on") && !out.contains("hunter2"), "{out}");
}

#[test]
fn serve_starts_the_embedded_mock_only_for_vendors_that_use_it() {
    let hash = commerce_proxy::session::hash_password("pw").unwrap();
    let file = std::env::temp_dir().join(format!("commerce-proxy-cli-{}-all-real.toml", std::process::id()));
    std::fs::write(
        &file,
        format!(
            "[s2]\nbase_url = \"http://127.0.0.1:9\"\ntoken = \"t\"\norganization = \"o\"\n[s2_partner]\naccess_key = \"k\"\n\
             [stock2shop]\nusername = \"u\"\npassword = \"p\"\n[sellers_commerce]\nusername = \"u\"\npassword = \"p\"\n\
             [[users]]\nusername = \"ops\"\nrole = \"operator\"\npassword_hash = \"{hash}\"\n"
        ),
    )
    .unwrap();
    let (code, out) = serve_briefly(&[("COMMERCE_PROXY_CONFIG", file.to_str().unwrap())], std::time::Duration::from_secs(3));
    assert_eq!(code, None, "it serves: {out}");
    assert!(out.contains("commerce-proxy listening on"), "{out}");
    assert!(!out.contains("embedded mock"), "no vendor uses the mock, so none listens: {out}");
    // With every vendor mocked, it listens (without fault controls unless asked).
    let (code, out) = serve_briefly(&[], std::time::Duration::from_secs(3));
    assert_eq!(code, None, "it serves: {out}");
    assert!(out.contains("embedded mock listening") && !out.contains("fault controls"), "{out}");
    let (_, out) = serve_briefly(&[("COMMERCE_PROXY_MOCK_CONTROLS", "1")], std::time::Duration::from_secs(3));
    assert!(out.contains("embedded mock listening") && out.contains("fault controls"), "{out}");
}

#[test]
fn the_embedded_mock_gets_fresh_credentials_per_start() {
    let (a, b) = (commerce_proxy::embedded_mock_config(None), commerce_proxy::embedded_mock_config(None));
    let default = commerce_mock::MockConfig::default();
    for (x, y, d) in [
        (&a.s2_token, &b.s2_token, &default.s2_token),
        (&a.s2_partner_access_key, &b.s2_partner_access_key, &default.s2_partner_access_key),
        (&a.stock2shop_password, &b.stock2shop_password, &default.stock2shop_password),
        (&a.sellers_password, &b.sellers_password, &default.sellers_password),
    ] {
        assert!(x != y && x != d && x.len() >= 20, "{x} {y}");
    }
}
