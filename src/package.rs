//! The success body: a stored source package. Old servers send fewer fields and dates without an offset.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::json::Json;

#[derive(Debug, Clone, PartialEq)]
pub struct SourcePackage {
    pub id: Option<f64>,
    pub version: String,
    pub package_name: String,
    pub package_size: f64,
    pub sha256_signature: Option<String>,
    pub is_deleted: bool,
    pub created: String,
    pub updated: String,
    pub operator: Option<String>,
}

/// A whole number of 0 or more that a double holds exactly.
fn whole(n: f64) -> bool {
    (0.0..=9_007_199_254_740_991.0).contains(&n) && n % 1.0 == 0.0
}

/// Reads a success body, or names the field that is not what a source package holds (a key of the texts table).
pub fn parse<J: Json>(body: &J) -> Result<SourcePackage, &'static str> {
    if !body.is_object() {
        return Err("notObject");
    }
    let text = |key: &str| body.field(key).filter(|v| !v.is_null());
    let string = |key: &str, why: &'static str| -> Result<Option<String>, &'static str> {
        match text(key) {
            None => Ok(None),
            Some(v) => v.as_string().map(Some).ok_or(why),
        }
    };
    let version = string("version", "version")?.filter(|v| !v.is_empty()).ok_or("version")?;
    let package_name = string("package_name", "packageName")?
        .filter(|v| !v.is_empty())
        .ok_or("packageName")?;
    let size = text("package_size").ok_or("packageSize")?;
    // Servers send a string of digits (a Django BigIntegerField); a whole number within 2^53 is accepted too.
    let package_size = match (size.as_string(), size.as_number()) {
        (Some(s), _) if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse::<u64>().map_err(|_| "packageSize")? as f64
        }
        (None, Some(n)) if whole(n) => n,
        _ => return Err("packageSize"),
    };
    let sha256_signature = string("sha256_signature", "sha256")?;
    if let Some(hash) = &sha256_signature {
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("sha256");
        }
    }
    let id = match text("id") {
        None => None,
        Some(v) => Some(v.as_number().filter(|n| whole(*n)).ok_or("id")?),
    };
    let is_deleted = match text("is_deleted") {
        None => false,
        Some(v) => v.as_bool().ok_or("isDeleted")?,
    };
    let created = string("created", "dates")?.unwrap_or_default();
    let updated = string("updated", "dates")?.unwrap_or_default();
    let operator = string("operator", "operator")?;
    Ok(SourcePackage {
        id,
        version,
        package_name,
        package_size,
        sha256_signature,
        is_deleted,
        created,
        updated,
        operator,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn current_server_body() {
        let body = json!({"id": 12, "version": "v1", "package_name": "tmpcvml_dsm.tar.gz", "package_size": "4586",
            "sha256_signature": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "is_deleted": false,
            "updated": "2020-08-24 17:15:51 +0800", "created": "2020-08-24 17:15:51 +0800", "operator": "admin"});
        let p = parse(&body).unwrap();
        assert_eq!(p.id, Some(12.0));
        assert_eq!(p.package_size, 4586.0);
        assert_eq!(p.operator.as_deref(), Some("admin"));
        assert_eq!(p.created, "2020-08-24 17:15:51 +0800");
    }

    #[test]
    fn seed_body_without_new_fields_and_offset() {
        let body = json!({"version": "1.0", "package_name": "a.tgz", "package_size": "10", "sha256_signature": null,
            "updated": "2020-08-24 17:15:51", "created": "2020-08-24 17:15:51"});
        let p = parse(&body).unwrap();
        assert_eq!((p.id, p.sha256_signature, p.operator, p.is_deleted), (None, None, None, false));
        assert_eq!(p.updated, "2020-08-24 17:15:51");
    }

    #[test]
    fn rejects_what_is_not_a_package() {
        for body in [
            json!(null),
            json!([1]),
            json!("ok"),
            json!({}),
            json!({"version": 1, "package_name": "a", "package_size": "1"}),
            json!({"version": "1", "package_name": "a", "package_size": "-1"}),
            json!({"version": "1", "package_name": "a", "package_size": "12abc"}),
            json!({"version": "1", "package_name": "a", "package_size": "1", "sha256_signature": "xyz"}),
            json!({"result": true, "data": {}}),
            json!({"version": "1", "package_name": "a", "package_size": 1e30}),
            json!({"version": "1", "package_name": "a", "package_size": "1", "id": 1.5}),
            json!({"version": "1", "package_name": "a", "package_size": "1", "id": -3}),
            json!({"version": "", "package_name": "a", "package_size": "1"}),
        ] {
            assert!(parse(&body).is_err(), "{body}");
        }
    }
}
