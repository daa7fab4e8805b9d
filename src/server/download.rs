//! Large answers streamed as they are printed: a mentions download of 的 is half a
//! gigabyte, so it is never held whole. The printer writes into a [`ChunkWriter`] on a
//! blocking thread; chunks of [`CHUNK_BYTES`] go through a channel of [`CHANNEL_CHUNKS`]
//! to the connection, so one request holds at most about
//! `(CHANNEL_CHUNKS + 1) × CHUNK_BYTES` of its answer, whatever the client reads.
//!
//! A client that reads slowly slows the printer (backpressure); one that stops reading
//! for longer than the time limit ends the download (the connection is closed, the
//! answer cut short: a JSON Lines or CSV reader sees a last incomplete line, HTTP a
//! chunked body that never ended). At most [`MAX_DOWNLOADS`] downloads run at once,
//! each on a blocking thread of its own, beside those that answer other requests.

use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use bytes::Bytes;
use http_body::Frame;
use tokio::runtime::Handle;
use tokio::sync::mpsc;

/// Bytes sent to the connection at a time.
pub const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks printed ahead of what the connection has taken.
pub const CHANNEL_CHUNKS: usize = 4;
/// Downloads running at once; each holds a blocking thread while it waits for its
/// client, so the threads that answer searches are never all waiting on readers.
pub const MAX_DOWNLOADS: usize = 16;

/// Where a printer writes a streamed answer: full chunks go to the connection, waiting
/// while the client has not taken the earlier ones. Writing fails (and the printer
/// stops) when the client has gone, has read nothing for `stall`, or the printing
/// itself (the time not spent waiting for the client) has run past `limit`.
pub struct ChunkWriter {
    sender: mpsc::Sender<Bytes>,
    runtime: Handle,
    buffer: Vec<u8>,
    started: Instant,
    waited: Duration,
    stall: Duration,
    limit: Duration,
    /// Set once the whole answer has been handed over: a channel that closes without
    /// it is an answer cut short, and the connection ends in an error, not as if the
    /// answer were whole.
    finished: Arc<AtomicBool>,
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        if self.started.elapsed().saturating_sub(self.waited) > self.limit {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the download took too long to print and was stopped",
            ));
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK_BYTES),
        ));
        let began = Instant::now();
        let sent = self
            .runtime
            .block_on(tokio::time::timeout(self.stall, self.sender.send(chunk)));
        self.waited += began.elapsed();
        match sent {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the client closed the connection",
            )),
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            )),
        }
    }

    /// Sends what is left: the answer is whole.
    pub fn finish(mut self) -> io::Result<()> {
        self.send()?;
        self.finished.store(true, Ordering::Release);
        Ok(())
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// The receiving end: the chunks, for the connection.
pub struct Chunks {
    receiver: mpsc::Receiver<Bytes>,
    first: Option<Bytes>,
    finished: Arc<AtomicBool>,
}

impl Chunks {
    /// Waits for the first chunk (or the end of the answer), at most `limit`: `None`
    /// when nothing came in time; `Some(false)` when the printer ended without sending
    /// a byte (an empty answer, or a failure: the caller reads which from the printer's
    /// result).
    pub async fn first(&mut self, limit: Duration) -> Option<bool> {
        match tokio::time::timeout(limit, self.receiver.recv()).await {
            Err(_) => None,
            Ok(None) => Some(false),
            Ok(Some(chunk)) => {
                self.first = Some(chunk);
                Some(true)
            }
        }
    }

    pub fn into_body(self) -> Body {
        Body::new(self)
    }
}

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(Ok(Frame::data(first))));
        }
        match self.receiver.poll_recv(context) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(chunk)) => Poll::Ready(Some(Ok(Frame::data(chunk)))),
            Poll::Ready(None) if self.finished.load(Ordering::Acquire) => Poll::Ready(None),
            Poll::Ready(None) => {
                Poll::Ready(Some(Err(io::Error::other("the answer was cut short"))))
            }
        }
    }
}

/// A writer and the chunks it sends; `stall` is how long a client may leave a chunk
/// unread, `limit` how long the printing may take. Call from the runtime.
pub fn channel(stall: Duration, limit: Duration) -> (ChunkWriter, Chunks) {
    let (sender, receiver) = mpsc::channel(CHANNEL_CHUNKS);
    let finished = Arc::new(AtomicBool::new(false));
    let writer = ChunkWriter {
        sender,
        runtime: Handle::current(),
        buffer: Vec::with_capacity(CHUNK_BYTES),
        started: Instant::now(),
        waited: Duration::ZERO,
        stall,
        limit,
        finished: Arc::clone(&finished),
    };
    (
        writer,
        Chunks {
            receiver,
            first: None,
            finished,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn a_client_that_does_not_read_holds_a_bounded_answer_and_ends_it() {
        let runtime = runtime();
        let (mut writer, chunks) = runtime
            .block_on(async { channel(Duration::from_millis(300), Duration::from_secs(60)) });
        let printer = runtime.spawn_blocking(move || {
            let line = [b'x'; 1000];
            let mut written = 0usize;
            let started = Instant::now();
            let result = loop {
                if let Err(e) = writer.write_all(&line) {
                    break e;
                }
                written += line.len();
                assert!(written < 100 * CHUNK_BYTES, "the printer never waited");
            };
            (result, written, started.elapsed())
        });
        let (error, written, took) = runtime.block_on(printer).unwrap();
        // The channel's chunks, the one it waited to send, the buffer being filled.
        assert!(written <= (CHANNEL_CHUNKS + 2) * CHUNK_BYTES, "{written}");
        assert!(written >= CHANNEL_CHUNKS * CHUNK_BYTES, "{written}");
        assert_eq!(error.kind(), io::ErrorKind::TimedOut, "{error}");
        assert!(took >= Duration::from_millis(300), "{took:?}");
        drop(chunks);
    }

    #[test]
    fn an_answer_is_whole_only_when_finished() {
        let runtime = runtime();
        for finish in [true, false] {
            let (mut writer, chunks) = runtime
                .block_on(async { channel(Duration::from_secs(5), Duration::from_secs(60)) });
            let printer = runtime.spawn_blocking(move || {
                writer.write_all(&[b'y'; 3 * CHUNK_BYTES / 2]).unwrap();
                if finish {
                    writer.finish().unwrap();
                }
            });
            let collected = runtime.block_on(async {
                let body = axum::body::to_bytes(chunks.into_body(), usize::MAX).await;
                printer.await.unwrap();
                body
            });
            match collected {
                Ok(bytes) => {
                    assert!(finish);
                    assert_eq!(bytes.len(), 3 * CHUNK_BYTES / 2);
                }
                Err(e) => {
                    assert!(!finish);
                    assert!(
                        e.to_string().contains("cut short")
                            || format!("{e:?}").contains("cut short"),
                        "{e:?}"
                    );
                }
            }
        }
    }
}
