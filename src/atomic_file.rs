//! Output files written whole or not at all: through a temporary file
//! renamed at the end, removed if the run is interrupted (Ctrl-C).

use std::io::Write;

/// Temporary files being written, removed if the run is interrupted.
static UNFINISHED: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes the temporary files of reports still being written (on Ctrl-C).
pub(crate) fn remove_unfinished() {
    let mut files = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
    for f in files.drain(..) {
        let _ = std::fs::remove_file(f);
    }
}

fn track(path: &std::path::Path, writing: bool) {
    let mut files = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
    if writing {
        files.push(path.to_path_buf());
    } else {
        files.retain(|f| f != path);
    }
}

/// Writes to `path` through a temporary file renamed at the end, so an
/// interrupted run never leaves a half-written report under the final name.
/// `-` or no path means stdout.
pub(crate) fn write_atomically(
    path: Option<&std::path::Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match path {
        None => write(&mut std::io::stdout().lock()),
        Some(p) if p.as_os_str() == "-" => write(&mut std::io::stdout().lock()),
        // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written
        // to directly: renaming over it would replace it with a file.
        Some(p) if std::fs::metadata(p).is_ok_and(|m| !m.is_file()) => {
            let mut f = std::io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(p)?);
            write(&mut f)?;
            f.flush()
        }
        Some(p) => {
            let mut tmp = p.as_os_str().to_owned();
            tmp.push(format!(".tmp{}", std::process::id()));
            let tmp = std::path::PathBuf::from(tmp);
            track(&tmp, true);
            let result = (|| {
                let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
                write(&mut f)?;
                f.flush()?;
                f.into_inner().map_err(|e| e.into_error())?.sync_all()
            })();
            let result = result.and_then(|_| std::fs::rename(&tmp, p));
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            track(&tmp, false);
            result
        }
    }
}
