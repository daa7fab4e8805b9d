//! Whether a few Han characters can be a person's name: two or three characters opening
//! with a surname (four with a compound one). Rules that take a name from where a page ran it into other text (a
//! title, a salutation, a date) ask this first, so that `通知` or `工作方案` is never a
//! speaker.

/// The common single-character surnames (the 百家姓's most frequent, which cover nearly
/// all of the population), and the compound ones still met.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习栗";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯",
    "长孙", "宇文", "轩辕", "端木", "澹台", "南宫",
];

/// Whether `text` (spaces ignored) can be a person's name: two or three Han characters
/// opening with a surname, three or four with a compound one.
pub fn is_personal_name(text: &str) -> bool {
    let name: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let count = name.chars().count();
    // Four characters only with a compound surname: `韩正主持` is a name and a verb.
    let compound = COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s));
    name.chars().all(crate::text::is_cjk)
        && if compound {
            (3..=4).contains(&count)
        } else {
            (2..=3).contains(&count) && name.chars().next().is_some_and(|c| SURNAMES.contains(c))
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_open_with_a_surname() {
        for name in [
            "习近平",
            "李强",
            "龚 正",
            "欧阳修",
            "王莉霞",
            "叶建春",
            "殷勇",
        ] {
            assert!(is_personal_name(name), "{name}");
        }
        for not in [
            "通知",
            "工作方案",
            "我们",
            "同志们好",
            "习",
            "今天",
            "韩正主持",
        ] {
            assert!(!is_personal_name(not), "{not}");
        }
    }
}
