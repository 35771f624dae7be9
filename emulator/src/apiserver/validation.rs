//! Field rules of the apiserver's serializers (spec §3): file name, DRF booleans, `package_url`.

use crate::apiserver::responses::Lang;
use crate::config::Config;
use bkpaas_rules::name::{check_filename, NameError};

/// DRF `BooleanField`: the accepted spellings, any case; empty is false.
pub fn boolean(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "off" | "f" | "n" | "" => Some(false),
        _ => None,
    }
}

pub fn boolean_error(lang: Lang) -> &'static str {
    lang.pick("Must be a valid boolean.", "必须是有效的布尔值。")
}

/// The package file name rule (`bkpaas_rules::name`), with the serializer's messages.
pub fn file_name(name: &str, lang: Lang) -> Result<(), &'static str> {
    match check_filename(name) {
        Ok(()) => Ok(()),
        Err(NameError::Empty) => Err(lang.pick("No filename could be determined.", "无法检测到文件名。")),
        Err(NameError::Dots | NameError::Character) => Err(lang.pick(
            "Invalid file name: only letters, digits, '-', '_' and '.' are allowed.",
            "文件名不合法，只能包含字母、数字、“-”、“_”和“.”",
        )),
    }
}

/// Checks `package_url` (already trimmed): http(s), ≤2048 characters, host on the allow-list.
pub fn package_url(raw: &str, config: &Config, lang: Lang) -> Result<url::Url, &'static str> {
    if raw.is_empty() {
        return Err(lang.pick("This field may not be blank.", "该字段不能为空。"));
    }
    if raw.chars().count() > 2048 {
        return Err(lang.pick(
            "Ensure this field has no more than 2048 characters.",
            "请确保这个字段不能超过 2048 个字符。",
        ));
    }
    let invalid = lang.pick("Enter a valid URL.", "请输入合法的URL。");
    let url = url::Url::parse(raw).map_err(|_| invalid)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(invalid);
    }
    if config.allow_link_hosts.is_empty() {
        return Err("源码包 URL 上传功能未开启，请联系管理员");
    }
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let port = url.port_or_known_default();
    let allowed = config
        .allow_link_hosts
        .iter()
        .any(|(h, p)| *h == host && p.or(default_port(url.scheme())) == port);
    if !allowed {
        return Err(lang.pick("Downloading packages from this host is not allowed", "不允许从该域名下载源码包"));
    }
    Ok(url)
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "https" => Some(443),
        _ => Some(80),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_like_drf() {
        for t in ["true", "TRUE", "1", "yes", "On", "t", "Y"] {
            assert_eq!(boolean(t), Some(true), "{t}");
        }
        for f in ["false", "0", "no", "off", "F", "n", ""] {
            assert_eq!(boolean(f), Some(false), "{f}");
        }
        assert_eq!(boolean("maybe"), None);
    }

    #[test]
    fn file_names() {
        assert!(file_name("my-app_1.0.tar.gz", Lang::En).is_ok());
        for bad in ["", ".", "..", "a b.tgz", "../x.tgz", "a\\b", "包.zip"] {
            assert!(file_name(bad, Lang::En).is_err(), "{bad}");
        }
    }
}
