//! Small string helpers that avoid `core::fmt` (number formatting alone costs kilobytes of wasm).

#[allow(unused_imports)]
use crate::prelude::*;

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut String, n: u64) {
    let mut divisor = 1;
    while n / divisor >= 10 {
        divisor *= 10;
    }
    while divisor > 0 {
        out.push((b'0' + (n / divisor % 10) as u8) as char);
        divisor /= 10;
    }
}

/// Characters in `s`, as the server counts them (Python's `len`); smaller code than `chars().count()`.
pub fn char_len(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Concatenates parts into one string.
pub fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `n` bytes as "40 MiB" / "512 KiB" / "17 B": whole units, rounded down, for messages.
pub fn human_bytes(n: u64) -> String {
    let (div, unit) = if n >= 1 << 30 && n.is_multiple_of(1 << 30) || n >= 10 << 30 {
        (1u64 << 30, " GiB")
    } else if n >= 1 << 20 {
        (1 << 20, " MiB")
    } else if n >= 1 << 10 {
        (1 << 10, " KiB")
    } else {
        (1, " B")
    };
    let mut s = String::new();
    push_u64(&mut s, n / div);
    s.push_str(unit);
    s
}

/// Appends `s` as a JSON string literal. Non-ASCII is escaped as `\uXXXX` so the result is a valid HTTP header value.
pub fn push_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(HEX[((*u >> shift) & 0xf) as usize] as char);
                    }
                }
            }
        }
    }
    out.push('"');
}

/// The start of a response body for an error message: markup dropped, whitespace collapsed, at most `max` chars.
pub fn excerpt(body: &str, max: usize) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut space = false;
    let mut count = 0;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                space = true;
            }
            _ if in_tag => {}
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                    count += 1;
                }
                space = false;
                if count >= max {
                    out.push('…');
                    break;
                }
                out.push(c);
                count += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for n in [0u64, 7, 10, 413, 41943040, u64::MAX] {
            let mut s = String::new();
            push_u64(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn char_lengths() {
        for s in ["", "abc", "中文", "😀x", "é"] {
            assert_eq!(char_len(s), s.chars().count(), "{s}");
        }
    }

    #[test]
    fn human() {
        assert_eq!(human_bytes(41943040), "40 MiB");
        assert_eq!(human_bytes(1536), "1 KiB");
        assert_eq!(human_bytes(3), "3 B");
        assert_eq!(human_bytes(2 << 30), "2 GiB");
    }

    #[test]
    fn json_strings_are_valid_json_and_ascii() {
        for s in ["plain", "quo\"te", "back\\slash", "中文", "emoji 😀", "tab\t"] {
            let mut out = String::new();
            push_json_string(&mut out, s);
            assert!(out.is_ascii(), "{out}");
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn excerpts_drop_markup() {
        let html = "<!doctype html>\n<html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1><p></p></body></html>";
        assert_eq!(excerpt(html, 200), "Server Error (500) Server Error (500)");
        assert_eq!(excerpt("abcdef", 3), "abc…");
    }
}
