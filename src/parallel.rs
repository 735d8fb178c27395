//! Work shared out over the cores with its results kept in order, so that what comes of it is
//! the same on any machine.

/// The cores there are to share work over.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` done on each of `shares`, each on a thread of its own, the results in the shares'
/// order. A share panics only on a bug, which goes on in the caller as it would have without
/// threads.
pub(crate) fn in_order<T: Send, R: Send>(
    shares: impl IntoIterator<Item = T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || work(share)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
