//! Datetimes as the apiserver renders them: `YYYY-MM-DD HH:MM:SS +zzzz`, in the user's time zone.
//! A fixed offset is all the emulator needs, so no time-zone crate.

use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug)]
pub struct Offset {
    minutes: i64,
}

impl Offset {
    /// Parses `+0800`, `-0530`.
    pub fn parse(s: &str) -> Result<Offset, String> {
        let bad = || format!("--time-zone-offset {s:?}: expected +HHMM or -HHMM");
        let (sign, digits) = match s.as_bytes().first() {
            Some(b'+') => (1, &s[1..]),
            Some(b'-') => (-1, &s[1..]),
            _ => return Err(bad()),
        };
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let (h, m): (i64, i64) = (digits[..2].parse().unwrap_or(0), digits[2..].parse().unwrap_or(0));
        Ok(Offset {
            minutes: sign * (h * 60 + m),
        })
    }

    /// The current time, formatted.
    pub fn now(&self) -> String {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        self.format(secs)
    }

    fn format(&self, unix_secs: i64) -> String {
        let local = unix_secs + self.minutes * 60;
        let (days, rem) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (y, mo, d) = civil_from_days(days);
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let abs = self.minutes.abs();
        format!(
            "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60,
            abs / 60,
            abs % 60
        )
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_offset() {
        let tz = Offset::parse("+0800").unwrap();
        assert_eq!(tz.format(1_598_260_551), "2020-08-24 17:15:51 +0800");
        assert_eq!(Offset::parse("-0130").unwrap().format(0), "1969-12-31 22:30:00 -0130");
    }
}
