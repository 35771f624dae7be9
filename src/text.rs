//! Small string helpers that avoid `core::fmt` (its formatting machinery alone costs kilobytes of wasm).

#[allow(unused_imports)]
use crate::prelude::*;

/// Characters in `s`, as the server counts them (Python's `len`); smaller code than `chars().count()`.
pub fn char_len(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Appends `s` as a JSON string literal. Non-ASCII is escaped as `\uXXXX` so the result is a valid HTTP header value.
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    push_json_escaped(out, s);
    out.push('"');
}

/// Appends `s` escaped as inside a JSON string literal (without the quotes).
pub fn push_json_escaped(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
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
    fn char_lengths() {
        for s in ["", "abc", "中文", "😀x", "é"] {
            assert_eq!(char_len(s), s.chars().count(), "{s}");
        }
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
        let html =
            "<!doctype html>\n<html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1><p></p></body></html>";
        assert_eq!(excerpt(html, 200), "Server Error (500) Server Error (500)");
        assert_eq!(excerpt("abcdef", 3), "abc…");
    }
}
