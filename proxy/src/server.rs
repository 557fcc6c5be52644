//! The proxy on a socket: HTTP/1.1 served with hyper directly, so that every connection
//! keeps to [`ConnectionLimits`].
//!
//! - A client has `header_read_timeout` to send a request head, counted from the moment
//!   the connection waits for one (a silent socket, a header trickle and an idle
//!   keep-alive connection are all closed then).
//! - A connection on which no byte moves for `idle_timeout` while the proxy is not working
//!   on one of its requests (a client that stopped reading its answer, say) is closed.
//! - At most `max_connections` are open; more wait in the listener's backlog.
//! - A head over [`MAX_HEADER_BYTES`] or with more than [`MAX_HEADERS`] fields is
//!   answered 431 at once; a request target over [`MAX_TARGET_BYTES`] 414 (JSON).

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Instant;
use tower::ServiceExt;

use crate::proxy_error;

/// A request head (request line and header fields) larger than this is answered 431.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// A request with more header fields than this is answered 431.
pub const MAX_HEADERS: usize = 100;
/// A request target (path and query) longer than this is answered 414.
pub const MAX_TARGET_BYTES: usize = 8 * 1024;

/// What one connection may cost the proxy.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Time to send a complete request head, from when the connection waits for one.
    pub header_read_timeout: Duration,
    /// Time without a byte either way, while no request is being handled.
    pub idle_timeout: Duration,
    /// Open connections at once; more wait in the accept backlog.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits { header_read_timeout: Duration::from_secs(10), idle_timeout: Duration::from_secs(60), max_connections: 1024 }
    }
}

impl ConnectionLimits {
    /// The configured limits, defaults for the unset ones.
    pub fn from_config(config: &crate::Config) -> Self {
        let default = ConnectionLimits::default();
        ConnectionLimits {
            header_read_timeout: config.header_read_timeout_secs.map_or(default.header_read_timeout, Duration::from_secs),
            idle_timeout: config.idle_timeout_secs.map_or(default.idle_timeout, Duration::from_secs),
            max_connections: config.max_connections.unwrap_or(default.max_connections),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets the requests in
/// flight finish. Requests carry `ConnectInfo<SocketAddr>`.
pub async fn serve(listener: TcpListener, router: Router, limits: ConnectionLimits, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    serve_sharing_cap(listener, router, limits, open, shutdown).await
}

/// [`serve`] with the connection cap's slots in `open`, shared by the listeners of every
/// worker thread ([`bind_per_worker`]): `max_connections` holds for the process.
pub async fn serve_sharing_cap(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    open: Arc<Semaphore>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout).max_header_size(MAX_HEADER_BYTES).max_headers(MAX_HEADERS).keep_alive(true);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // A connection slot first: beyond the cap, clients wait in the backlog.
        let slot = tokio::select! {
            slot = open.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(Watched { inner: stream, activity: activity.clone() });
        let service = {
            let (router, activity) = (router.clone(), activity.clone());
            hyper::service::service_fn(move |request: Request<Incoming>| {
                let handling = Handling::start(&activity);
                let router = router.clone();
                async move {
                    let response = handle(router, peer, request).await;
                    drop(handling);
                    Ok::<_, Infallible>(response)
                }
            })
        };
        let connection = graceful.watch(http.serve_connection(io, service));
        let idle_timeout = limits.idle_timeout;
        tokio::spawn(async move {
            tokio::select! {
                _ = connection => {}
                // Dropping the connection closes the socket.
                () = activity.idle_for(idle_timeout) => {}
            }
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// `workers` listening sockets on one address with `SO_REUSEPORT`, one per worker thread
/// and its current-thread runtime (`main.rs`): the kernel spreads new connections over
/// them, and a connection is served, forwarded and answered on the thread that accepted
/// it, with no hand-off between threads. Port 0 binds the first socket to a free port
/// and the others to the same. (`SO_REUSEPORT` admits only sockets of the same user, so
/// another user's process cannot take a share of the connections.)
pub fn bind_per_worker(addr: SocketAddr, workers: usize) -> io::Result<Vec<std::net::TcpListener>> {
    use socket2::{Domain, Protocol, Socket, Type};
    let mut addr = addr;
    let mut listeners = Vec::with_capacity(workers.max(1));
    for _ in 0..workers.max(1) {
        let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
        socket.set_reuse_address(true)?;
        socket.set_reuse_port(true)?;
        socket.set_nonblocking(true)?;
        socket.bind(&addr.into())?;
        socket.listen(1024)?;
        let listener: std::net::TcpListener = socket.into();
        addr = listener.local_addr()?;
        listeners.push(listener);
    }
    Ok(listeners)
}

async fn handle(router: Router, peer: SocketAddr, mut request: Request<Incoming>) -> Response {
    if request.uri().path_and_query().map_or(0, |p| p.as_str().len()) > MAX_TARGET_BYTES {
        return proxy_error(StatusCode::URI_TOO_LONG, "uri_too_long", "the request target is longer than 8 KiB");
    }
    request.extensions_mut().insert(ConnectInfo(peer));
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// When a byte last moved on a connection, and how many of its requests are being handled.
struct Activity {
    /// The connection's start: `last` counts from it.
    since: Instant,
    /// Nanoseconds from `since` to the last byte moved. An atomic, not a lock: it is
    /// written at every read and write of the socket.
    last: AtomicU64,
    handling: AtomicUsize,
}

impl Activity {
    fn new() -> Self {
        Activity { since: Instant::now(), last: AtomicU64::new(0), handling: AtomicUsize::new(0) }
    }

    fn touch(&self) {
        let nanos = u64::try_from(self.since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.last.fetch_max(nanos, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.since + Duration::from_nanos(self.last.load(Ordering::Relaxed))
    }

    /// Resolves once the connection has been idle for `limit`.
    async fn idle_for(&self, limit: Duration) {
        loop {
            let deadline = self.last() + limit;
            let now = Instant::now();
            if self.handling.load(Ordering::SeqCst) > 0 {
                tokio::time::sleep(limit).await;
            } else if now >= deadline {
                return;
            } else {
                tokio::time::sleep_until(deadline).await;
            }
        }
    }
}

/// A request being handled: the connection is not idle meanwhile.
struct Handling(Arc<Activity>);

impl Handling {
    fn start(activity: &Arc<Activity>) -> Self {
        activity.handling.fetch_add(1, Ordering::SeqCst);
        Handling(activity.clone())
    }
}

impl Drop for Handling {
    fn drop(&mut self) {
        self.0.touch();
        self.0.handling.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A socket that records when bytes move.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_write_vectored(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Port 0: every worker's socket on the port the first one got, and each accepts.
    #[tokio::test]
    async fn the_workers_listen_on_one_port() {
        let listeners = bind_per_worker("127.0.0.1:0".parse().unwrap(), 3).unwrap();
        let addr = listeners[0].local_addr().unwrap();
        assert_ne!(addr.port(), 0);
        assert!(listeners.iter().all(|l| l.local_addr().unwrap() == addr));
        let listeners: Vec<TcpListener> = listeners.into_iter().map(|l| TcpListener::from_std(l).unwrap()).collect();
        // The kernel spreads connections by a hash of their addresses: enough of them reach
        // every socket.
        let mut clients = Vec::new();
        for _ in 0..64 {
            clients.push(TcpStream::connect(addr).await.unwrap());
        }
        for listener in &listeners {
            let accepted = tokio::time::timeout(Duration::from_secs(2), listener.accept()).await;
            assert!(matches!(accepted, Ok(Ok(_))), "a worker's socket got no connection");
        }
    }
}
