//! The values of `gongwen serve`'s flags, checked as clap reads them: where to listen,
//! which origin may call the API, how long a request may run.

use gongwen::Error;

/// `--timeout`: seconds above 0 (0 would refuse every request, NaN is no time).
pub fn request_timeout(seconds: f64) -> gongwen::Result<std::time::Duration> {
    std::time::Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|t| !t.is_zero() && seconds.is_finite())
        .ok_or_else(|| {
            Error::query(
                &seconds.to_string(),
                "--timeout takes a number of seconds above 0 (20 by default)",
            )
        })
}

/// `--addr`: `IP:PORT`, or `localhost:PORT` (the loopback address; no other name is
/// looked up, so the server never listens somewhere a resolver chose).
pub fn listen_address(text: &str) -> std::result::Result<std::net::SocketAddr, String> {
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    match text.rsplit_once(':') {
        Some((host, port)) if host.eq_ignore_ascii_case("localhost") => port
            .parse::<u16>()
            .map(|port| std::net::SocketAddr::from(([127, 0, 0, 1], port)))
            .map_err(|_| format!("{port} is no port (0 to 65535)")),
        _ => Err(
            "expected IP:PORT (127.0.0.1:7700, 0.0.0.0:7700, [::1]:7700) or localhost:PORT".into(),
        ),
    }
}

/// `--cors`: one origin, `http://` or `https://` then a host and maybe a port, nothing
/// after it (a browser compares origins whole: a path or a `*` would never match).
pub fn origin(text: &str) -> std::result::Result<String, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    let valid = rest.is_some_and(|host| {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
    });
    if valid {
        Ok(text.to_string())
    } else {
        Err(
            "expected an origin, scheme and host: https://example.org or http://127.0.0.1:8080"
                .into(),
        )
    }
}
