//! Properties of the rules over any input: no panic, and the invariants each rule documents.

use bkpaas_rules::archive::{extension, sniff, strip_extension, Kind, SNIFF_LEN};
use bkpaas_rules::name::{check_filename, NameError};
use bkpaas_rules::{app_desc, link, tar};
use bkpaas_testkit::tar::{header, octal, v7_header};
use proptest::prelude::*;

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn sniff_is_decided_by_the_magic_and_the_first_block(head in bytes(1100), tail in bytes(64)) {
        let kind = sniff(&head);
        // Only the first SNIFF_LEN bytes count, and more bytes never change a kind already told.
        prop_assert_eq!(kind, sniff(&head[..head.len().min(SNIFF_LEN)]));
        if let Some(k) = kind {
            prop_assert_eq!(sniff(&[&head[..], &tail[..]].concat()), Some(k));
        }
        match kind {
            Some(Kind::Gzip) => prop_assert!(head.starts_with(&[0x1f, 0x8b, 8])),
            Some(Kind::Bzip2) => prop_assert!(head.starts_with(b"BZh") && (b'1'..=b'9').contains(&head[3])),
            Some(Kind::Xz) => prop_assert!(head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0])),
            Some(Kind::Zip) => prop_assert!(head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")),
            Some(Kind::Tar) => prop_assert!(head.len() >= 512 && (&head[257..262] == b"ustar" || tar::checksum_ok(&head))),
            None => {}
        }
    }

    #[test]
    fn every_built_tar_header_is_a_tar(name in "[a-z][a-z0-9_./-]{0,98}", size in any::<u64>(), v7 in any::<bool>()) {
        let h = if v7 { v7_header(name.as_bytes(), size) } else { header(name.as_bytes(), size, b'0') };
        prop_assert!(tar::checksum_ok(&h));
        prop_assert_eq!(sniff(&h), Some(Kind::Tar));
    }

    #[test]
    fn one_changed_byte_breaks_a_v7_checksum(name in "[a-z0-9]{1,99}", at in 0usize..512, delta in 1u8..=255) {
        prop_assume!(!(148..156).contains(&at));
        let mut h = v7_header(name.as_bytes(), 0);
        h[at] = h[at].wrapping_add(delta);
        prop_assert!(!tar::checksum_ok(&h));
        prop_assert_eq!(sniff(&h), None);
    }

    #[test]
    fn octal_numbers_round_trip(n in 0u64..(1 << 33), pad in 0usize..3, field in bytes(20)) {
        let mut text = vec![b' '; pad];
        text.extend_from_slice(&octal(n, 11));
        text.push(0);
        prop_assert_eq!(tar::number(&text), Some(n));
        let _ = tar::number(&field);
    }

    #[test]
    fn extensions_are_suffixes(name in "[A-Za-z0-9._-]{0,12}(\\.[tT][aA][rR](\\.gz|\\.xz)?|\\.tgz|\\.ZIP|\\.gz)?", other in ".{0,20}") {
        for n in [name.as_str(), other.as_str()] {
            let stripped = strip_extension(n);
            prop_assert!(n.starts_with(stripped));
            match extension(n) {
                Some((ext, _)) if n.len() > ext.len() => prop_assert!(n[stripped.len()..].eq_ignore_ascii_case(ext)),
                _ => prop_assert_eq!(stripped, n),
            }
        }
    }

    #[test]
    fn file_names(good in "[A-Za-z0-9._-]{1,40}", bad in "[A-Za-z0-9._-]{0,10}[^A-Za-z0-9._-][A-Za-z0-9._-]{0,10}") {
        if good != "." && good != ".." {
            prop_assert_eq!(check_filename(&good), Ok(()));
        }
        prop_assert_eq!(check_filename(&bad), Err(NameError::Character));
    }

    #[test]
    fn link_names_are_cut_at_the_first_dot(url in ".{0,80}", version in "[A-Za-z0-9.]{0,8}") {
        let p = link::package_name(&url, &version);
        prop_assert!(!p.name.contains(['.', '/', '?', '#']));
        prop_assert!(url.contains(p.name));
        match p.version {
            Some(v) => prop_assert!(v == version && !p.name.contains(v)),
            None => prop_assert!(p.name.contains(version.as_str())),
        }
    }

    #[test]
    fn link_names_of_release_urls(stem in "[a-z][a-z0-9-]{0,10}", rest in "(\\.[a-z0-9]{1,4}){0,3}", query in "(\\?[a-z=.&]{0,10})?", version in "[0-9]{1,2}\\.[0-9]") {
        let url = format!("https://files.example:8443/releases/{stem}{rest}{query}");
        let p = link::package_name(&url, &version);
        prop_assert_eq!(p.name, stem.as_str());
    }

    #[test]
    fn app_desc_reading_never_fails(yaml in bytes(400), path in bytes(40)) {
        let d = app_desc::declared(&yaml);
        if let Some(v) = d.version {
            prop_assert!(!v.is_empty());
            prop_assert!(yaml.windows(v.len()).any(|w| w == v));
        }
        if app_desc::depth(&path).is_some() {
            prop_assert!(path.ends_with(b"app_desc.yaml"));
        }
    }

    #[test]
    fn declared_versions_are_read(version in "[A-Za-z0-9._+-]{1,20}", quote in "[\"']?", crlf in any::<bool>(), v3 in any::<bool>(), noise in "(# [a-z ]{0,10}\n|  nested: [a-z]{1,5}\n|other: [a-z]{0,5}\n){0,4}") {
        let nl = if crlf { "\r\n" } else { "\n" };
        let (spec, key) = if v3 { ("specVersion: 3", "appVersion") } else { ("spec_version: 2", "app_version") };
        let yaml = format!("{noise}{spec}{nl}{noise}{key}: {quote}{version}{quote}{nl}{noise}");
        let d = app_desc::declared(yaml.as_bytes());
        prop_assert_eq!(d.spec, Some(if v3 { 3 } else { 2 }));
        prop_assert_eq!(d.version, Some(version.as_bytes()));
    }
}
