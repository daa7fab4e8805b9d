//! Reading a file's bytes under a budget: only regular files (a FIFO or a device put
//! where a file was listed would block a run forever or never end), opened without
//! blocking, and never more than a size limit.

use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Largest document file read (a government text is rarely over a few megabytes; a
/// 50 MB one is indexed): past it the file is skipped with its size, so that no file
/// can take the run's memory.
pub const MAX_DOCUMENT_BYTES: u64 = 128 << 20;
/// Largest side file read: manifests, dictionaries, alias files.
pub const MAX_SIDE_FILE_BYTES: u64 = 32 << 20;

/// The bytes of the regular file at `path`, if it holds at most `limit` of them.
pub fn read_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    // Non-blocking: opening a FIFO with no writer would otherwise wait forever.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file ({})", kind(&meta.file_type())),
        ));
    }
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file growing while read stops at the limit too.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// The UTF-8 text of a side file (manifest, dictionary, alias file), within
/// [`MAX_SIDE_FILE_BYTES`]: `--dict /dev/zero` is refused, not read forever.
pub fn read_side_text(path: &Path) -> io::Result<String> {
    let bytes = read_bounded(path, MAX_SIDE_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("larger than the {} MB a file may be", limit >> 20),
    )
}

/// What kind of file system entry a non-regular file is, in words.
pub fn kind(file_type: &std::fs::FileType) -> &'static str {
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_oversized_files_are_refused() {
        let e = read_bounded(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        assert_eq!(read_bounded(&path, 4096).unwrap().len(), 2048);
        let e = read_bounded(&path, 1024).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    }
}
