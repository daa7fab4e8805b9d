//! Dates of documents: a year, a month or a day ([`DocDate`]), parsed from `YYYY`,
//! `YYYY-MM`, `YYYY-MM-DD`, from regex captures of year, month and day, and from
//! Chinese numerals (`二〇二〇年三月五日`).

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl DocDate {
    /// A date from parts, checked: month 1–12, day within the month.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<DocDate> {
        if !(1000..=2999).contains(&year) || (day.is_some() && month.is_none()) {
            return None;
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return None;
        }
        Some(DocDate { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<DocDate> {
        let mut parts = text.trim().split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts
            .next()
            .map(|m| m.parse().ok())
            .map_or(Some(None), |m| m.map(Some))?;
        let day = parts
            .next()
            .map(|d| d.parse().ok())
            .map_or(Some(None), |d| d.map(Some))?;
        if parts.next().is_some() {
            return None;
        }
        DocDate::new(year, month, day)
    }

    /// The precision the date is known to.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// First day covered, as a sortable `YYYYMMDD` number.
    pub fn first_day(&self) -> i64 {
        let m = self.month.unwrap_or(1);
        let d = self.day.unwrap_or(1);
        i64::from(self.year) * 10_000 + i64::from(m) * 100 + i64::from(d)
    }

    /// Last day covered, as a sortable `YYYYMMDD` number.
    pub fn last_day(&self) -> i64 {
        let m = self.month.unwrap_or(12);
        let d = self.day.unwrap_or_else(|| days_in_month(self.year, m));
        i64::from(self.year) * 10_000 + i64::from(m) * 100 + i64::from(d)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl DocDate {
    /// Days from 1970-01-01 to the first day the date covers (Howard Hinnant's
    /// days-from-civil algorithm), for lags between dates.
    pub fn unix_days(&self) -> i64 {
        let (month, day) = (
            i64::from(self.month.unwrap_or(1)),
            i64::from(self.day.unwrap_or(1)),
        );
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    pub fn from_unix_days(days: i64) -> Option<DocDate> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        DocDate::new(
            u16::try_from(year).ok()?,
            Some(month as u8),
            Some(day as u8),
        )
    }

    /// The date as Chinese readers write it: `2024年3月5日`, `2024年3月`, `2024年`.
    pub fn chinese(&self) -> String {
        let mut out = format!("{}年", self.year);
        if let Some(m) = self.month {
            out.push_str(&format!("{m}月"));
        }
        if let Some(d) = self.day {
            out.push_str(&format!("{d}日"));
        }
        out
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for DocDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DocDate, D::Error> {
        let text = String::deserialize(d)?;
        DocDate::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("bad date {text:?}")))
    }
}

static CN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?[)）]?$")
        .expect("chinese date pattern")
});

/// A date written in Chinese numerals: `二〇二〇年三月五日`, `(一九五四年九月)`.
pub fn parse_cn_date(text: &str) -> Option<DocDate> {
    let c = CN_DATE.captures(text)?;
    let digit = |ch: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == ch)
            .or(match ch {
                '零' | '○' => Some(0),
                _ => None,
            })
    };
    let year = c[1]
        .chars()
        .try_fold(0u16, |acc, ch| Some(acc * 10 + digit(ch)? as u16))?;
    // 十 = 10, 十二 = 12, 二十 = 20, 二十三 = 23.
    let small = |s: &str| -> Option<u8> {
        let chars: Vec<char> = s.chars().collect();
        match chars.as_slice() {
            ['十'] => Some(10),
            ['十', u] => Some(10 + digit(*u)? as u8),
            [t, '十'] => Some(digit(*t)? as u8 * 10),
            [t, '十', u] => Some(digit(*t)? as u8 * 10 + digit(*u)? as u8),
            [u] => Some(digit(*u)? as u8),
            _ => None,
        }
    };
    let month = small(&c[2])?;
    let day = match c.get(3) {
        Some(d) => Some(small(d.as_str())?),
        None => None,
    };
    DocDate::new(year, Some(month), day)
}

/// Builds a date from a regex capture of year, month and day groups.
pub fn date_from(caps: &regex::Captures<'_>) -> Option<DocDate> {
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
    DocDate::new(num(1)?, num(2).map(|m| m as u8), num(3).map(|d| d as u8))
}

#[cfg(test)]
mod tests {
    use super::DocDate;

    #[test]
    fn unix_days_count_from_1970_and_round_trip() {
        let day = |y, m, d| DocDate::new(y, Some(m), Some(d)).unwrap();
        assert_eq!(day(1970, 1, 1).unix_days(), 0);
        // 2024-01-01 is 54 × 365 + 13 leap days = 19,723; then 31 + 29 + 4 days.
        assert_eq!(day(2024, 1, 1).unix_days(), 19_723);
        assert_eq!(day(2024, 3, 5).unix_days(), 19_723 + 31 + 29 + 4);
        for days in [-25_567, -1, 0, 19_787, 20_489] {
            let date = DocDate::from_unix_days(days).unwrap();
            assert_eq!(date.unix_days(), days, "{date}");
        }
        // A date known to its month counts from its first day.
        let march = DocDate::new(2024, Some(3), None).unwrap();
        assert_eq!(march.unix_days(), 19_723 + 31 + 29);
    }
}
