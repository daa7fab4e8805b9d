//! Accepting connections: at most [`MAX_CONNECTIONS`] open at once (the newest past the
//! cap is answered 503 and closed, never left hanging, and those open go on), a time
//! limit on reading a request's header ([`HEADER_READ`]: a client sending a byte a
//! second, or a keep-alive connection left idle, is closed), and a stop that ends within
//! [`STOP_GRACE`] whatever clients do (a partial request, an unread download).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// Connections open at once. Each holds a descriptor and a little memory; far below
/// the usual limit of 1,024 descriptors, so that files and the index can still be read.
pub const MAX_CONNECTIONS: usize = 256;
/// How long a client may take to send a request's header, and how long a keep-alive
/// connection may wait idle for the next one.
pub const HEADER_READ: Duration = Duration::from_secs(10);
/// How long a stop waits for the requests in flight before it closes every connection.
pub const STOP_GRACE: Duration = Duration::from_secs(3);

/// Serves `router` on `listener` until `stop` resolves, then for at most [`STOP_GRACE`].
pub async fn serve(listener: TcpListener, router: Router, stop: impl Future<Output = ()>) {
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of descriptors (or a connection reset before it was taken): wait a
            // moment rather than spin; the connections open go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ)
            .serve_connection(
                TokioIo::new(stream),
                TowerToHyperService::new(router.clone()),
            );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(STOP_GRACE, graceful.shutdown()).await;
}

/// Answers a connection past the cap with 503 and closes it, within a second.
async fn refuse(mut stream: TcpStream) {
    let body = format!(
        "{{\"error\":\"the server has {MAX_CONNECTIONS} connections open; try again\",\"status\":503}}"
    );
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\nretry-after: 1\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        // The request is read first (what has come of it within 200 ms): a socket closed
        // on unread bytes is reset, and the client would see a broken pipe instead of
        // the answer.
        let _ = tokio::time::timeout(Duration::from_millis(200), read_header(&mut stream)).await;
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// Reads a request's header, to its blank line or 8 KB, whichever comes first.
async fn read_header(stream: &mut TcpStream) {
    let mut header = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    while header.len() < 8192 && !header.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => header.extend_from_slice(&buf[..n]),
        }
    }
}
