//! Property tests of the core's parsers and classifiers: any input, no panic, and the documented invariants.

use crate::answer::{judge, retry_after_seconds, Answer};
use crate::auth::AuthInput;
use crate::endpoint::GatewayRoot;
use crate::failure::{Failure, Kind, Safety};
use crate::redact;
use crate::session::{Config, Event, Session, Step};
use proptest::prelude::*;
use serde_json::{json, Value};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("code".to_owned()),
                    Just("detail".to_owned()),
                    Just("version".to_owned()),
                    Just("package_size".to_owned()),
                    ".{0,8}".prop_map(String::from)
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn every_answer_is_classified_and_never_echoes_a_secret(status in 100u16..600, body in json_value(), token in "[A-Za-z0-9_-]{8,24}") {
        let secrets = redact::forms(&token);
        let text = format!("{} {token} {}", body, json!({"access_token": token}));
        let json: Option<Value> = serde_json::from_str(&text).ok().or(Some(body.clone()));
        let answer = Answer { status, status_text: token.clone(), body: text, json, request_id: Some(token.clone()), retry_after: None };
        match judge(answer, &secrets) {
            Ok(p) => prop_assert!((200..300).contains(&status) && !p.version.is_empty()),
            Err(f) => {
                prop_assert_eq!(f.status, Some(status));
                let all = format!("{f:?}");
                prop_assert!(!all.contains(&token), "{}", all);
                if (200..300).contains(&status) {
                    prop_assert_eq!((f.kind, f.may_be_stored), (Kind::Response, true));
                } else {
                    prop_assert!(matches!(f.kind, Kind::Gateway | Kind::Api | Kind::Http));
                }
                prop_assert!(f.body_excerpt.as_ref().is_none_or(|e| e.chars().count() <= 201));
            }
        }
    }

    #[test]
    fn the_success_parser_accepts_only_what_servers_send(body in json_value()) {
        if let Ok(p) = crate::package::parse(&body) {
            prop_assert!(!p.version.is_empty() && !p.package_name.is_empty());
            prop_assert!(p.package_size >= 0.0 && p.package_size % 1.0 == 0.0 && p.package_size <= 9_007_199_254_740_991.0);
            prop_assert!(p.id.is_none_or(|id| id >= 0.0 && id % 1.0 == 0.0));
        }
    }

    #[test]
    fn retry_after_is_seconds_or_nothing(value in ".{0,16}") {
        if let Some(ms) = retry_after_seconds(&value) {
            prop_assert!(value.trim().bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(ms % 1000, 0);
        }
    }

    #[test]
    fn the_auth_header_is_json_with_the_credential_intact(token in "\\PC{1,40}") {
        prop_assume!(!token.trim().is_empty());
        let input = AuthInput { access_token: Some(token.clone()), ..AuthInput::default() };
        let auth = input.check().unwrap();
        let header = auth.header_value();
        prop_assert!(header.bytes().all(|b| (0x20..0x7f).contains(&b)), "a valid header value: {}", header);
        let back: Value = serde_json::from_str(&header).unwrap();
        prop_assert_eq!(back, json!({"access_token": token}));
    }

    #[test]
    fn urls_keep_every_segment_in_its_place(root in "https://[a-z]{1,10}\\.example(/[a-z]{1,6}){0,2}", app in "\\PC{1,12}", module in "\\PC{1,12}") {
        let r = GatewayRoot::parse(&root).unwrap();
        let url = r.url("prod", &app, &module, false);
        let path = url.strip_prefix(root.trim_end_matches('/')).unwrap();
        let parts: Vec<&str> = path.split('/').collect();
        prop_assert_eq!(parts.len(), 9, "{}", url);
        prop_assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{}", url);
        prop_assert!(!url.contains('?') && !url.contains('#'));
    }

    #[test]
    fn gateway_roots_never_panic(input in "\\PC{0,40}") {
        let _ = GatewayRoot::parse(&input);
    }

    #[test]
    fn archive_sniffing_never_panics(head in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = bkpaas_rules::archive::sniff(&head);
    }

    #[test]
    fn a_session_settles_once_and_never_sends_after_the_deadline(events in prop::collection::vec(0u8..8, 1..30), total in 0u32..5000) {
        let config = Config {
            url: "https://h/x/".into(),
            xhr: true,
            sniff: false,
            timeouts: crate::options::Timeouts { stall_ms: 100, response_ms: 200, total_ms: total },
            policy: crate::retry::RetryPolicy::default(),
            secrets: vec![],
            seed: 3,
        };
        let mut s: Session<Value> = Session::new(config);
        let mut now = 0.0;
        let mut settled = 0;
        let mut step = s.on(Event::Start, now);
        for e in events {
            if matches!(step, Step::Send) {
                prop_assert!(total == 0 || now < total as f64, "no attempt after the deadline");
            }
            if matches!(step, Step::Done(_) | Step::Fail(_)) {
                settled += 1;
            }
            now += 37.0;
            let event = match e {
                0 => Event::Progress { loaded: 1.0, total: 10.0 },
                1 => Event::Sent,
                2 => Event::Receiving,
                3 => Event::Failed,
                4 => Event::Timer,
                5 => Event::Abort,
                6 => Event::Veto,
                _ => Event::Answer(Answer { status: 503, status_text: String::new(), body: "{}".into(), json: Some(json!({})), request_id: None, retry_after: None }, None),
            };
            if let Some(at) = s.wake_at() {
                prop_assert!(total == 0 || at <= total as f64 + 1.0, "no wake-up past the deadline");
            }
            step = s.on(event, now);
        }
        if matches!(step, Step::Done(_) | Step::Fail(_)) {
            settled += 1;
        }
        prop_assert!(settled <= 1, "settled {} times", settled);
    }

    #[test]
    fn validation_failures_are_final(option in "[a-z]{1,8}") {
        let name: &'static str = Box::leak(option.into_boxed_str());
        let f: Failure<Value> = Failure::validation((name, "required"));
        prop_assert_eq!((f.safety, f.retryable(), f.may_be_stored), (Safety::Final, false, false));
    }
}
