//! Issuers: the body named by an act's words, by a title that opens with its issuer,
//! or by the place of a work report.

use super::Metadata;
use super::line::is_body_name;
use super::patterns::*;

/// The body named by the words before an act (`上海市第十三届人民代表大会常务委员会第三十次
/// 会议` → 上海市人民代表大会常务委员会, `中华人民共和国国务院令第656号` → 国务院, `经国务院`
/// → 国务院) or before a title's `关于` (`第十三届全国人民代表大会第三次会议` → 全国人民代表
/// 大会). A judicial interpretation adopted by both supreme bodies (both named on `line`)
/// names both, as they sign it; of other joint issuers (`国务院、中央军事委员会令`) the first
/// leads.
pub(super) fn issuing_body(text: &str, line: &str) -> Option<String> {
    let org = SESSION.replace_all(text.trim(), "");
    let org = org.split("会议").next().unwrap_or_default();
    let org = ORDINAL_MEETING.replace(org, "");
    let org = ORDER_NUMBER.replace(org.trim(), "");
    // 最高人民法院审判委员会 → 最高人民法院; 人大常委会 → its full name.
    let org = org
        .trim()
        .trim_start_matches(['经', '由'])
        .trim_end_matches("审判委员会")
        .trim_end_matches("检察委员会")
        .replace("人大常委会", "人民代表大会常务委员会")
        .replace("代表大会常委会", "代表大会常务委员会");
    // Both supreme bodies named on one line adopted it together, whatever the order.
    if ["最高人民法院", "最高人民检察院"]
        .iter()
        .all(|b| line.contains(b))
        && org.starts_with("最高人民")
    {
        return Some(SUPREME_BODIES.to_string());
    }
    let first = org.split('、').next().unwrap_or_default();
    let first = match first.strip_prefix("中华人民共和国") {
        Some(rest) if is_body_name(rest) => rest,
        _ => first,
    };
    // `市十四届人大常委会`, `市人民政府` name no place: better no body than a nameless
    // one; a title fragment (`关于…`) is no body at all.
    if first.starts_with(['市', '省', '县', '区']) || first.starts_with("关于") {
        return None;
    }
    (is_body_name(first) && !is_generic_government(first)).then(|| first.to_string())
}

/// The two supreme judicial bodies, as they sign the interpretations they adopt together.
pub(super) const SUPREME_BODIES: &str = "最高人民法院、最高人民检察院";

/// The issuer a title opens with (`最高人民法院关于…` → 最高人民法院), when it names an
/// organisation with its place (not `市人民政府关于…`). Of joint issuers the first leads,
/// as in a joint order (`国务院、中央军事委员会`), except the two supreme bodies, which
/// sign their interpretations together.
pub(super) fn title_issuer(title: &str) -> Option<String> {
    let issuers = TITLE_ISSUER.captures(title)?.get(1)?.as_str();
    // `北京市人民政府转发国务院关于…`: the one who forwards issues it.
    let issuers = ["转发", "印发", "批转"]
        .iter()
        .filter_map(|v| issuers.find(v))
        .min()
        .map_or(issuers, |at| &issuers[..at]);
    issuing_body(issuers, issuers)
}

/// The province or city a work report is for: from its title (`2026年安徽省政府工作报告`)
/// or the congress it is made to (`在贵州省第十四届人民代表大会第四次会议上`).
pub(super) fn report_place(meta: &Metadata) -> Option<String> {
    meta.title
        .as_deref()
        .and_then(|t| REPORT_PLACE.captures(t))
        .or_else(|| {
            meta.subtitle
                .as_deref()
                .and_then(|s| OCCASION_PLACE.captures(s))
        })
        .map(|c| c[1].to_string())
}

/// `省人民政府`, `自治区人民政府`, `市人民政府`: a government without its place.
pub(super) fn is_generic_government(name: &str) -> bool {
    ["省", "市", "自治区"]
        .iter()
        .any(|p| name.strip_prefix(p) == Some("人民政府"))
}
