//! Text primitives every stage may use (a leaf: it imports no other module of gongwen):
//! character folding ([`fold`]), display width ([`width`]) and literals ([`literal`]:
//! the one definition of what matching a literal means, for queries, highlights and
//! mentions).

pub mod fold;
pub mod literal;
pub mod width;

pub use fold::{
    fold_char, fold_into, fold_script, fold_str, fold_width, ideograph_preimages, is_cjk,
    is_invisible, strip_invisible,
};
pub use width::{char_width, str_width};
