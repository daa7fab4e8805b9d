//! Values that flags give or name, checked once: where `serve` listens, which origin
//! may call its API, how long a request may run, the terms of a `--terms-file`.

use std::path::Path;

use gongwen::{Error, Result};

/// `--timeout`: seconds above 0 (0 would refuse every request, NaN is no time).
pub fn request_timeout(seconds: f64) -> Result<std::time::Duration> {
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

/// The terms given, then those of `--terms-file`, and whether a file gave them.
pub fn with_terms_file(mut terms: Vec<String>, file: Option<&Path>) -> Result<(Vec<String>, bool)> {
    let Some(path) = file else {
        return Ok((terms, false));
    };
    let text = gongwen::corpus::read_side_text(path).map_err(|e| Error::io(path, e))?;
    let limit = gongwen::search::query::MAX_QUERY_CHARS;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // A name is at most as long as a query may be (a 100,000-character line took
        // a minute to count).
        if line.chars().count() > limit {
            return Err(Error::Filter(format!(
                "{}:{}: a term of {} characters; the limit is {limit}",
                path.display(),
                n + 1,
                line.chars().count()
            )));
        }
        terms.push(line.to_string());
    }
    if terms.is_empty() {
        return Err(Error::Filter(format!("{} lists no terms", path.display())));
    }
    Ok((terms, true))
}

/// A count flag (`--limit`): a whole number, 0 or more (`-5` is one, not a missing value).
pub fn count(text: &str) -> std::result::Result<usize, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{text} is no count: a whole number, 0 or more"))
}

/// A fraction flag (`--min-identity`): a number from 0 to 1.
pub fn fraction(text: &str) -> std::result::Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{text} is no fraction: a number from 0 to 1")),
    }
}

/// A size of memory (`--memory`): bytes, or a number with K, M, G or T (powers of 1024;
/// `1.5G`); 0 is no limit.
pub fn memory_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let unit = |c: char| match c.to_ascii_uppercase() {
        'K' => Some(1u64 << 10),
        'M' => Some(1 << 20),
        'G' => Some(1 << 30),
        'T' => Some(1 << 40),
        _ => None,
    };
    let t = t.strip_suffix(['B', 'b']).unwrap_or(t);
    let (number, scale) = match t.chars().last().and_then(unit) {
        Some(scale) => (&t[..t.len() - 1], scale),
        None => (t, 1),
    };
    match number.trim().parse::<f64>() {
        Ok(x) if x >= 0.0 && (x * scale as f64) < u64::MAX as f64 => Ok((x * scale as f64) as u64),
        _ => Err(format!(
            "{text} is no size of memory: a number of bytes, or with K, M, G or T (500M, 1.5G)"
        )),
    }
}

/// The memory this machine has free now (Linux's `MemAvailable`), the default budget of
/// computations that hold their data in memory; `None` where it cannot be read.
pub fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

#[cfg(test)]
mod tests {
    use super::memory_size;

    #[test]
    fn sizes_of_memory_are_read_with_their_units() {
        assert_eq!(memory_size("1024"), Ok(1024));
        assert_eq!(memory_size("500M"), Ok(500 << 20));
        assert_eq!(memory_size("1.5G"), Ok(3 << 29));
        assert_eq!(memory_size("8gb"), Ok(8 << 30));
        assert_eq!(memory_size("0"), Ok(0));
        for bad in ["", "G", "-1G", "1.5X", "NaN", "1e30T"] {
            assert!(memory_size(bad).is_err(), "{bad:?} accepted");
        }
    }
}
