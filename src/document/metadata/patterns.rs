//! The patterns header and body rules match lines against, in one place: what each
//! recognises is said beside it.

use std::sync::LazyLock;

use regex::Regex;

pub(super) static ISSUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第[一二三四五六七八九十百零〇\d]+期$").expect("issue pattern"));
pub(super) static BARE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$").expect("date pattern"));
pub(super) static PAREN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // `（2024年6月25日）`, or with the place: `（2024年6月25日，大连）`.
    Regex::new(r"^[(（](\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(?:[，,]\p{Han}{1,10})?[)）]$")
        .expect("date pattern")
});
pub(super) static ANY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?").expect("date pattern")
});
pub(super) static REPORT_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{4}年)?(\p{Han}{2,12}?(?:省|市|自治区|特别行政区|县|区))(?:\d{4}年)?(?:人民)?政府工作报告$",
    )
    .expect("report pattern")
});
pub(super) static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:下载|打印|全屏|收藏|分享[:：]?|关闭|加大|还原|减小|默认|[大中小]|】|【|首页|[>›»]|大中小|(?:当前|您的)位置[:：]?.*|(?:收藏)?【?字[号体][:：]?.*|(?:信息)?来源[:：].*|(?:发布|发表|印发|信息提供|成文)?(?:日期|时间)[:：].*|浏览次数.*|阅读量.*|<!--.*-->|.*浏览次数[:：]\d+.*|.*【字[号体].*|\[?点击观看视频\]?|[\p{Han}　 ]{2,30}?(?:出席|主持|参加|陪同考察|陪同)(?:会议)?)$",
    )
    .expect("furniture pattern")
});
/// A page's time stamp alone on a line: `2026-01-31 07:00:44`, `2026年02月10日 07时41分`,
/// maybe followed by the source (`2021年07月01日 10:56 | 来源：新华网`, `2021-07-01 来源：人民网`).
pub(super) static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?(?:\s*\d{1,2}[:时]\d{2}(?:[:分]\d{2}秒?|分)?(?:\s*[|｜丨]?\s*(?:来源|作者|编辑|责任编辑)[:：].*)?|\s*[|｜丨]?\s*(?:来源|作者|编辑|责任编辑)[:：].*)$",
    )
    .expect("stamp pattern")
});
/// The occasion of a report, with or without its dash or brackets:
/// `（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）`.
pub(super) static OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?\d{4}年\d{1,2}月\d{1,2}日在.{2,40}?会议上[)）]?").expect("occasion pattern")
});
/// The place of the congress a report is made to: `在贵州省第十四届人民代表大会`.
pub(super) static OCCASION_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"在(\p{Han}{2,12}?(?:省|市|自治区|特别行政区))第\p{Han}{1,4}届人民代表大会")
        .expect("occasion place pattern")
});
pub(super) static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:日期|时间)[:：]\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
        .expect("date pattern")
});
pub(super) static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{1,16}[〔\[【(（]\d{4}[〕\]】)）]第?\d+号)(.*)$")
        .expect("doc number pattern")
});
/// The acts a law's header records, as [`PROMULGATION`] names them.
pub(super) const ACTS: [&str; 9] = [
    "通过", "修正", "修订", "公布", "批准", "施行", "发布", "修改", "印发",
];
/// The acts that revise a law.
pub(super) const REVISIONS: [&str; 3] = ["修正", "修订", "修改"];
pub(super) static PROMULGATION: LazyLock<Regex> = LazyLock::new(|| {
    // After the date, an act (通过, 修正…) and maybe more: a revision line may run on
    // into the next revision (`…第一次修正  2006年9月29日…修订  根据`). Never a sentence of running text (`2020年6月
    // 17日，市政府…。`): no comma right after the date, no full stop.
    Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日((?:[^，,。；][^。；]*?)?(通过|修正|修订|公布|批准|施行|发布|修改|印发))[^。；]*$")
        .expect("promulgation pattern")
});
pub(super) static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第?[一二三四五六七八九十百零〇\d]+届").expect("session pattern"));
pub(super) static ORDINAL_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第[一二三四五六七八九十百零〇\d]+次(?:全体|常务)?$").expect("meeting pattern")
});
pub(super) static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{0,16}?)(国务院总理|国务院副总理|副总理|总理|自治区主席|人民政府主席|中共中央总书记、国家主席、中央军委主席|中共中央总书记、国家主席|中华人民共和国主席|国家主席|省长|市长|区长|县长|州长)(\p{Han}{2,4}|\p{Han}{2,8}·\p{Han}{2,8})$")
        .expect("role pattern")
});
/// A role alone on its line, the name on the next (`国务院总理` / `　李克强`).
pub(super) static BARE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{0,16}?)(国务院总理|国务院副总理|自治区主席|省长|市长)$")
        .expect("bare role pattern")
});
pub(super) static PERSONAL_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}{2,4}$").expect("name pattern"));
/// The start of a promulgation line cut short: a date, maybe unfinished, and at most a
/// place after it.
pub(super) static BROKEN_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}年(?:\d{1,2}(?:月(?:\d{1,2}日?)?)?)?\s*\p{Han}{0,8}$")
        .expect("broken date pattern")
});
/// The city a local regulation's title opens with: `青岛市禁止焚烧抛撒丧葬祭奠物品规定`.
pub(super) static TITLE_PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{Han}{2,6}?市)").expect("title place pattern"));
pub(super) static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{4,24}?)(\d{4}年\d{1,2}月(?:\d{1,2}日)?)$").expect("signed pattern")
});
pub(super) static RED_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{Han}{2,24})文件$").expect("red-head pattern"));

pub(super) static SPEECH_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    // `赵俊民同志在…会议上的讲话`, and as news sites title a speech, `习近平：在…大会上的讲话`,
    // `习近平在党的十九届一中全会上的讲话`.
    Regex::new(
        r"^(\p{Han}{2,4})(?:同志在|[：:]在|在.+(?:上|时)的).+?(?:讲话|发言|致辞|报告|总结|演讲)$",
    )
    .expect("title pattern")
});
pub(super) static BODY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Han}{2,24}(?:人民政府|政府|办公室|办公厅|委员会|常委会|管委会|集团|公司|局|厅|委|办|院|部|中心|协会|党委|党组|街道办事处|大会|署)$",
    )
    .expect("body pattern")
});

pub(super) static ORDER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"令?第[\d〇一二三四五六七八九十百千]+号$").expect("order number pattern")
});

pub(super) static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:我(?:现在)?代表|受|根据)(?:中共中央和)?(中华人民共和国国务院|国务院|\p{Han}{2,16}?人民政府)(?:的)?(?:委托|决定)?[，,]?(?:现在)?(?:向(?:大会|各位代表|本次大会|第\p{Han}{1,4}届全国人民代表大会|全国人民代表大会)|作)",
    )
    .expect("on-behalf pattern")
});

/// A title that opens with its issuer: `最高人民法院关于…的解释`, `国务院关于…的规定`,
/// `最高人民法院、最高人民检察院关于…`.
pub(super) static TITLE_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:中华人民共和国)?\p{Han}{2,24}?(?:、\p{Han}{2,24}?)?)关于")
        .expect("title issuer pattern")
});

/// A resolution on a work report opens by naming the session: `第十二届全国人民代表大会
/// 第三次会议听取和审议了国务院总理李克强所作的政府工作报告`.
pub(super) static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(第\p{Han}{1,4}届全国人民代表大会第\p{Han}{1,4}次会议)听取(?:[和并]审议)?了.{0,30}?政府工作报告")
        .expect("resolution pattern")
});

/// The printing record closing an official document: office, date, `印发`.
pub(super) static PRINTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{2,30}?(\d{4})年(\d{1,2})月(\d{1,2})日印\s*发$").expect("printed pattern")
});

/// A notice's own date of taking effect: `本通知自2015年7月1日起执行`.
pub(super) static IN_EFFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"本(?:通知|办法|意见|方案|实施方案|规定|细则|措施|决定|条例|政策)自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|执行|实施|生效)")
        .expect("in-effect pattern")
});

/// What a document calls itself at the end of its title.
pub(super) static DOCUMENT_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通知|意见|方案|办法|规定|细则|计划|决定|决议|解释|通报|批复|函|规划|纲要|条例|措施|要点|公告|指引|清单)[）)]?$")
        .expect("document kind pattern")
});

/// Whether `title` is an official document's (`…关于…的决议`, `…实施办法`): its text may
/// quote a leader, but nobody spoke it.
pub(super) fn is_document_title(title: &str) -> bool {
    title.contains("关于") || DOCUMENT_KIND.is_match(title)
}

/// A news title saying who spoke: `李强在参加江苏代表团审议时强调`, `习近平在…上发表讲话`.
pub(super) static NEWS_SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{2,4})在.{2,60}?(?:时|上)(?:强调|指出|表示|发表|致辞|讲话|发言|演讲)")
        .expect("news speech pattern")
});
/// A news title opening with a leader's role and name and what they did in words:
/// `国家主席习近平发表二〇二五年新年贺词`, `国务院总理李强出席…并致辞`.
pub(super) static NEWS_ROLE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:中共中央总书记|总书记|国家主席|国务院总理|国务院副总理|全国人大常委会委员长|全国政协主席)(\p{Han}{2,3}?)(?:发表|致|在|出席|向|同)")
        .expect("news role title pattern")
});
/// A year written in digits: `2024年`.
pub(super) static TEXT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年").expect("year pattern"));

/// A leader named in a news lead by role and name, then what they did
/// (`中共中央总书记、国家主席、中央军委主席习近平1月18日给…回信`, `…习近平在北京主持召开…`,
/// `国务院总理李强出席…`): the name is the characters between the role and one of the
/// words that follow a subject.
pub(super) static LEAD_ROLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:中共中央总书记|(?:中共)?中央委员会总书记|国家主席|中央军委主席|国务院总理|全国人大常委会委员长|全国政协主席|中央\p{Han}{2,14}?委员会主(?:任|席))、?)+(\p{Han}{2,3}?)(?:\d|近日|日前|在|出席|主持|会见|发表|作出|作|对|向|给|同|和|等|带领|看望|致|发来|强调|指出|来到|考察|首先|专门|亲切|视察|参加|听取)")
        .expect("lead role name pattern")
});
/// What a lead says its subject said or wrote (not only attended).
pub(super) static SPOKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"讲话|强调|指出|致辞|致信|贺信|回信|演讲|作出重要指示|报告|说明|贺词")
        .expect("spoke pattern")
});
/// A letter's signature run into what follows it: `…更大贡献。习近平2020年6月7日（新华社…`.
pub(super) static SIGNED_LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[。！”]((?:中华人民共和国主席)?\p{Han}{2,3}?)(\d{4})年(\d{1,2})月(\d{1,2})日(?:[（(]|$)",
    )
    .expect("signed letter pattern")
});

/// A news title opening with who led or attended what, the words said following:
/// `习近平主持召开中央全面深化改革委员会第三次会议强调`.
pub(super) static NEWS_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\p{Han}{2,3}?)(?:主持召开|主持|出席|会见|考察|在).{2,60}?(?:强调|指出|讲话|致辞)",
    )
    .expect("news subject pattern")
});

/// The roles of a head of government who reports to a congress; `代` (acting) holds the
/// office: the acting governor is the speaker.
const REPORTING_ROLE: &str = r"(?:代理?)?(?:省长|市长|主席|州长|盟长)";
/// An occasion line naming who spoke, the role before the name: `…会议上北京市市长 殷勇同志
/// 作政府工作报告`, `…自治区人民政府主席王莉霞在…会议上的讲话`, `…上省长叶建春作政府工作报告`.
pub(super) static SPOKEN_AT_ROLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{REPORTING_ROLE}[\s　]*(\p{{Han}}[\s　]?\p{{Han}}(?:[\s　]?\p{{Han}})?)(?:同志)?(?:作|在|代表|所作)"
    ))
    .expect("spoken-at pattern")
});
/// The same, the name before the role: `龚正市长在上海市第十六届人民代表大会…的政府工作报告`
/// (the name is read back from the role: see `line::spoken_at`).
pub(super) static SPOKEN_AT_NAME_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{REPORTING_ROLE}(?:同志)?在")).expect("spoken-at pattern")
});

/// A collected work's editor's note naming its author: `> 这是毛泽东在中共七届二中全会上的
/// 报告。`, `> 这是毛泽东为中共中央起草的决定。` (not `这是作者在…`: no name).
pub(super) static NOTE_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[>＞]\s*这是(\p{Han}{2,3}?)(?:同志)?(?:在|为|给|于|对|写|起草|代|致|的)")
        .expect("note author pattern")
});
