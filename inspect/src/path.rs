//! Which archive member is the app_desc.yaml the server reads.

const NAME: &[u8] = b"app_desc.yaml";

/// `app_desc.yaml` at the root or one folder down, with or without a leading `./` (or `/`).
pub fn is_app_desc(path: &[u8]) -> bool {
    depth(path).is_some()
}

/// 0 at the root, 1 one folder down, None elsewhere or for another name.
pub fn depth(path: &[u8]) -> Option<u8> {
    let mut p = path;
    loop {
        if let Some(r) = p.strip_prefix(b"./") {
            p = r;
        } else if let Some(r) = p.strip_prefix(b"/") {
            p = r;
        } else {
            break;
        }
    }
    let dir = p.strip_suffix(NAME)?;
    match dir {
        [] => Some(0),
        [folder @ .., b'/'] if !folder.is_empty() && folder != b"." && !folder.contains(&b'/') => {
            Some(1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths() {
        assert_eq!(depth(b"app_desc.yaml"), Some(0));
        assert_eq!(depth(b"./app_desc.yaml"), Some(0));
        assert_eq!(depth(b"/app_desc.yaml"), Some(0));
        assert_eq!(depth(b"pkg/app_desc.yaml"), Some(1));
        assert_eq!(depth(b"./pkg/app_desc.yaml"), Some(1));
        assert_eq!(depth(b"a/b/app_desc.yaml"), None);
        assert_eq!(depth(b"pkg/my_app_desc.yaml"), None);
        assert_eq!(depth(b"xapp_desc.yaml"), None);
        assert_eq!(depth(b"app_desc.yml"), None);
        assert_eq!(depth(b""), None);
    }
}
