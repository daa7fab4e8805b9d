//! Writes every hostile file of `tests/attacks.rs` into a folder (beside whatever it
//! holds), for `benches/hostile.sh`: `cargo run --release --example hostile_corpus -- DIR`.

#[path = "../tests/attacks.rs"]
mod attacks;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .expect("usage: hostile_corpus DIR");
    std::fs::create_dir_all(&dir).expect("folder");
    for attack in attacks::attacks() {
        std::fs::write(dir.join(attack.name), &attack.bytes).expect("write");
        let expect = if attack.skipped.is_empty() {
            "indexed or skipped"
        } else {
            attack.skipped
        };
        println!("{}\t{} bytes\t{expect}", attack.name, attack.bytes.len());
    }
}
