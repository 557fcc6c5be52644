//! The cookies a client keeps itself where the runtime has no cookie store of its own
//! (Node, Deno, Bun: their `fetch` shows `Set-Cookie` to the caller; a browser never
//! does, and keeps them itself). Only what the proxy needs: name, value, and removal by
//! `Max-Age=0` (how the proxy ends a session). Attributes that scope a cookie (`Path`,
//! `Domain`, `Secure`) are not needed: a jar belongs to one client, which talks to one
//! proxy origin.

/// Cookies by name, in the order they were first set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CookieJar {
    cookies: Vec<(String, String)>,
}

impl CookieJar {
    /// Applies one `Set-Cookie` header value: sets, replaces or (expired) removes it.
    /// A header without a `name=value` pair is ignored.
    pub fn apply(&mut self, set_cookie: &str) {
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|pair| pair.split_once('=')) else { return };
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty() {
            return;
        }
        let expired = parts
            .filter_map(|attribute| attribute.split_once('='))
            .any(|(key, seconds)| key.trim().eq_ignore_ascii_case("max-age") && seconds.trim().parse::<i64>().is_ok_and(|s| s <= 0));
        self.cookies.retain(|(kept, _)| kept != name);
        if !expired && !value.is_empty() {
            self.cookies.push((name.to_string(), value.to_string()));
        }
    }

    /// The `Cookie` request header, or `None` when the jar is empty.
    pub fn header(&self) -> Option<String> {
        (!self.cookies.is_empty()).then(|| self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_session_the_proxy_sets_and_forgets_it_when_the_proxy_clears_it() {
        let mut jar = CookieJar::default();
        assert_eq!(jar.header(), None);
        jar.apply("commerce_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
        assert_eq!(jar.header().as_deref(), Some("commerce_session=abc"));
        jar.apply("other=1; Path=/");
        jar.apply("commerce_session=def; Path=/; Max-Age=60; Secure");
        assert_eq!(jar.header().as_deref(), Some("other=1; commerce_session=def"));
        jar.apply("commerce_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        assert_eq!(jar.header().as_deref(), Some("other=1"));
        jar.apply("other=1; max-age=-1");
        assert_eq!(jar.header(), None);
    }

    #[test]
    fn ignores_headers_without_a_name_value_pair() {
        let mut jar = CookieJar::default();
        for junk in ["", "; Path=/", "=value", "novalue; Max-Age=5"] {
            jar.apply(junk);
        }
        assert_eq!(jar.header(), None);
    }
}
