//! The package file name rule of the apiserver's serializer: `[a-zA-Z0-9\-_.]+` matched fully, not `.` or `..`.

/// Why a file name breaks the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    Empty,
    /// `.` or `..`.
    Dots,
    /// A byte other than ASCII letters, digits, `-`, `_`, `.` (spaces, CJK, `/`, `\`, controls).
    Character,
}

/// `Ok` when the server accepts `name` as a package file name.
pub fn check_filename(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        Err(NameError::Empty)
    } else if name == "." || name == ".." {
        Err(NameError::Dots)
    } else if name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
        Ok(())
    } else {
        Err(NameError::Character)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serializer_rule() {
        for ok in ["app.tar.gz", "my-app_1.0.zip", "a", "...", ".x"] {
            assert_eq!(check_filename(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_filename(""), Err(NameError::Empty));
        assert_eq!(check_filename("."), Err(NameError::Dots));
        assert_eq!(check_filename(".."), Err(NameError::Dots));
        for bad in ["my app.tgz", "应用.zip", "a/b.zip", "a\\b.zip", "x\0.zip", "a+b", "é"] {
            assert_eq!(check_filename(bad), Err(NameError::Character), "{bad}");
        }
    }
}
