//! Stock2Shop's login and tokens: `?token=` on every call but the login.

use super::*;

/// `?token=<token>`: a token this mock issued that has not expired.
pub(crate) fn authorize(state: &MockState, call: &Call) -> Result<(), VendorError> {
    let token = call.query("token").filter(|t| !t.is_empty()).ok_or_else(|| unauthorized("token is required"))?;
    state.stock2shop.lock().unwrap().check_token(token)
}

static TOKENS_ISSUED: AtomicU64 = AtomicU64::new(0);

/// 32 hex digits no one can guess: std's randomly keyed SipHash over a counter and the
/// time (the mock has no random-number crate, and needs none stronger).
fn random_token() -> String {
    let count = TOKENS_ISSUED.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    (0u8..2).map(|half| format!("{:016x}", RandomState::new().hash_one((count, nanos, half)))).collect()
}

pub(super) fn issue_token(state: &MockState) -> String {
    let token = random_token();
    let expires = Instant::now() + state.config.stock2shop_token_ttl;
    let mut store = state.stock2shop.lock().unwrap();
    store.tokens.retain(|_, at| *at > Instant::now());
    store.tokens.insert(token.clone(), expires);
    token
}

/// `POST /v1/users/authenticate`: the configured username and password get the seed's
/// user with a fresh token; anything else is 401.
pub(super) fn authenticate(state: &MockState, call: &Call) -> Answer {
    check_format(call)?;
    let body: AuthenticateBody = call.json_body().map_err(bad_request)?;
    let problems = body.check();
    if !problems.is_empty() {
        return Err(bad_request(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")));
    }
    let auth = &body.system_user_auth;
    if auth.username != state.config.stock2shop_username || auth.password != state.config.stock2shop_password {
        return Err(unauthorized("invalid username or password"));
    }
    let mut user: Value = serde_json::from_str(SEED_AUTHENTICATE).expect("the seed's user decodes");
    user["system_user"]["username"] = auth.username.clone().into();
    user["system_user"]["token"] = issue_token(state).into();
    ok(&user)
}

/// `GET /v1/users/valid_token/{token}`: the seed's (short) user for a live token; 401 for
/// an unknown or expired one (the document shows only the valid case).
pub(super) fn valid_token(state: &MockState, call: &Call) -> Answer {
    check_format(call)?;
    let token = call.path_params.iter().find(|(name, _)| name == "token").map(|(_, v)| v.clone()).unwrap_or_default();
    state.stock2shop.lock().unwrap().check_token(&token)?;
    let mut user: Value = serde_json::from_str(SEED_VALID_TOKEN).expect("the seed's user decodes");
    user["system_user"]["username"] = state.config.stock2shop_username.clone().into();
    user["system_user"]["token"] = token.into();
    ok(&user)
}
