//! Dates for output metadata: `SOURCE_DATE_EPOCH` when it is set, else the source file's
//! modification time, so that an unchanged file rebuilds byte-identically and the date still
//! says when the text was last changed (<https://reproducible-builds.org/specs/source-date-epoch/>).

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// When `path` was last modified, in seconds since 1970; `None` when the file system does not
/// say.
pub fn modified(path: &Path) -> Option<i64> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    seconds(time)
}

/// The date written into outputs: `explicit` (`SOURCE_DATE_EPOCH`), else the source's
/// modification time, else — for a document that comes from no file — the clock.
pub fn epoch(explicit: Option<i64>, source: Option<i64>) -> i64 {
    explicit
        .or(source)
        .or_else(|| seconds(SystemTime::now()))
        .unwrap_or(0)
}

fn seconds(time: SystemTime) -> Option<i64> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).ok(),
        Err(e) => i64::try_from(e.duration().as_secs()).ok().map(|s| -s),
    }
}

/// The latest date every output can carry: 9999-12-31T23:59:59Z (ISO 8601 and `xsd:dateTime` in
/// EPUB's `dcterms:modified` and DOCX core properties take four-digit years).
pub const MAX_EPOCH: i64 = 253_402_300_799;

/// Reads `SOURCE_DATE_EPOCH` (reproducible-builds.org: whole seconds since 1970-01-01 UTC, not
/// negative); a value outside 0..=`MAX_EPOCH` is an error, not a wrapped or clamped date.
pub fn parse_epoch(value: &str) -> Result<i64, String> {
    let epoch: i64 = value
        .trim()
        .parse()
        .map_err(|_| format!("SOURCE_DATE_EPOCH: not a whole number of seconds: `{value}`"))?;
    if !(0..=MAX_EPOCH).contains(&epoch) {
        return Err(format!(
            "SOURCE_DATE_EPOCH: {epoch} is outside 0..={MAX_EPOCH} (1970 to the end of 9999)"
        ));
    }
    Ok(epoch)
}

/// A UTC calendar date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year.
    pub year: i64,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of the month, 1..=31.
    pub day: u32,
    /// Hour, 0..=23.
    pub hour: u32,
    /// Minute, 0..=59.
    pub minute: u32,
    /// Second, 0..=59.
    pub second: u32,
}

impl DateTime {
    /// The UTC date and time of `epoch` seconds since 1970.
    pub fn from_epoch(epoch: i64) -> DateTime {
        let days = epoch.div_euclid(86_400);
        let secs = epoch.rem_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        DateTime {
            year,
            month,
            day,
            hour: (secs / 3_600) as u32,
            minute: (secs % 3_600 / 60) as u32,
            second: (secs % 60) as u32,
        }
    }

    /// `2026-11-26T08:52:09Z`.
    pub fn iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_wins_then_the_file_then_the_clock() {
        assert_eq!(epoch(Some(5), Some(7)), 5);
        assert_eq!(epoch(None, Some(7)), 7);
        assert!(epoch(None, None) > 1_700_000_000);
        let file = std::env::temp_dir().join(format!("cjkpress-date-{}", std::process::id()));
        std::fs::write(&file, "x").unwrap();
        let then = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_234_567_890);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(then)
            .unwrap();
        assert_eq!(modified(&file), Some(1_234_567_890));
        std::fs::remove_file(&file).unwrap();
    }

    #[test]
    fn epochs_become_calendar_dates() {
        assert_eq!(DateTime::from_epoch(0).iso8601(), "1970-01-01T00:00:00Z");
        assert_eq!(
            DateTime::from_epoch(946_684_800).iso8601(),
            "2000-01-01T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_epoch(1_795_683_129).iso8601(),
            "2026-11-26T08:52:09Z"
        );
        assert_eq!(
            DateTime::from_epoch(951_782_400).iso8601(),
            "2000-02-29T00:00:00Z"
        );
    }
}
