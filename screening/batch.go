package screening

import (
	"context"
	"iter"
	"runtime"
	"slices"
	"sync"
)

// window is how many queries per worker ScreenSeq holds at once, read
// ahead or screened and waiting for the ones before them: enough to keep
// the workers busy while one query takes longer than the others, few
// enough that memory stays flat however long the input is.
const window = 4

// ScreenAll screens qs and returns one Result per query, in input order,
// on the goroutines WithWorkers sets (every CPU by default). opts apply to
// this call only, on top of the Screener's. When ctx is done, the queries
// not yet screened get its error; an invalid option is every query's
// error.
func (s *Screener) ScreenAll(ctx context.Context, qs []Query, opts ...Option) []Result {
	out := make([]Result, 0, len(qs))
	for r := range s.ScreenSeq(ctx, slices.Values(qs), opts...) {
		out = append(out, r)
	}
	return out
}

// ScreenSeq screens the queries of qs as they come and yields one Result
// per query, in input order, each as soon as it and those before it are
// done: a stream for a batch of any length or for queries typed one by
// one. It screens on the goroutines WithWorkers sets (every CPU by
// default) and reads at most a few queries per worker ahead, so memory
// stays flat. opts apply to these queries only, on top of the Screener's.
//
// When ctx is done, the queries not yet screened get its error, one Result
// each, as long as qs yields them. An invalid option is every query's
// error. qs is ranged over on another goroutine than the caller's; when the
// caller stops early, or its loop body panics, ScreenSeq stops ranging over
// qs and returns (or lets the panic go on) once its goroutines are done.
// When qs panics, the panic goes on on the caller's goroutine, after the
// results of the queries qs yielded before it.
func (s *Screener) ScreenSeq(ctx context.Context, qs iter.Seq[Query], opts ...Option) iter.Seq[Result] {
	return func(yield func(Result) bool) {
		if s.ix == nil {
			for q := range qs {
				if !yield(Result{Query: q, Err: ErrNoScreener}) {
					return
				}
			}
			return
		}
		o, err := s.callOptions(opts)
		if err != nil {
			for q := range qs {
				if !yield(Result{Query: q, Err: err}) {
					return
				}
			}
			return
		}
		workers := o.workers
		if workers == 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		s.stream(ctx, qs, &o, workers, yield)
	}
}

// stream screens the queries of qs on workers goroutines, yielding their
// results in order. A reader goroutine ranges over qs and leaves the
// queries in an open batch; a worker that is free takes the queries there
// (a few at a time: those that came while the workers were busy) as one
// batch, queued for the caller's loop in the order taken, so that a
// stream of many queries costs few hand-offs and a query typed alone waits
// for none. At most workers*window queries are read and not yet yielded.
func (s *Screener) stream(ctx context.Context, qs iter.Seq[Query], o *options, workers int, yield func(Result) bool) {
	limit := workers * window
	st := &streamState{pending: make(chan *streamBatch, limit)}
	st.work.L, st.room.L = &st.mu, &st.mu
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for b := st.take(window); b != nil; b = st.take(window) {
				for i, q := range b.qs {
					b.rs[i] = s.screen(ctx, q, o)
				}
				close(b.done)
			}
		})
	}
	wg.Go(func() {
		defer func() {
			p := recover() // of qs, for the caller's goroutine (see below)
			st.mu.Lock()
			st.closed, st.panicked = true, p
			st.work.Broadcast()
			st.mu.Unlock()
		}()
		for q := range qs {
			if !st.put(q, limit) {
				break
			}
		}
	})
	go func() {
		wg.Wait()
		close(st.pending)
	}()
	// However the caller's loop ends, by stopping early or by a panic in
	// its body (which a server may recover), stop the reader and the
	// workers and drain, so that none waits on the caller and ScreenSeq
	// returns once they are done. After the last result it does nothing:
	// they are done and pending is closed. A panic of qs then goes on on
	// the caller's goroutine, as an iterator's panic does, unless the
	// loop body's does.
	inBody := false
	defer func() {
		st.stop()
		for range st.pending {
		}
		if st.panicked != nil && !inBody {
			panic(st.panicked)
		}
	}()
	for b := range st.pending {
		<-b.done
		for _, r := range b.rs {
			inBody = true
			if !yield(r) {
				inBody = false
				return
			}
			inBody = false
		}
		st.mu.Lock()
		st.inFlight -= len(b.qs)
		st.room.Signal()
		st.mu.Unlock()
	}
}

// streamState is what the goroutines of a stream share, under mu.
type streamState struct {
	mu       sync.Mutex
	work     sync.Cond // signalled when there are queries to take, or no more
	room     sync.Cond // signalled when fewer queries are in flight, or the caller stopped
	open     []Query   // queries read and not yet taken
	inFlight int       // queries read and not yet yielded
	closed   bool      // the reader is done
	panicked any       // what qs panicked with, once the reader is done; nil if it did not
	stopped  bool      // the caller stopped early
	pending  chan *streamBatch
}

// streamBatch is queries taken together by a worker, with their results,
// done once they are all in.
type streamBatch struct {
	qs   []Query
	rs   []Result
	done chan struct{}
}

// put leaves q in the open batch once fewer than limit queries are in
// flight; it reports false if the caller stopped.
func (st *streamState) put(q Query, limit int) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	for st.inFlight >= limit && !st.stopped {
		st.room.Wait()
	}
	if st.stopped {
		return false
	}
	st.open = append(st.open, q)
	st.inFlight++
	st.work.Signal()
	return true
}

// take returns up to n of the open queries as a batch, queued for the
// caller, waiting for some; nil when there are no more.
func (st *streamState) take(n int) *streamBatch {
	st.mu.Lock()
	defer st.mu.Unlock()
	for len(st.open) == 0 && !st.closed && !st.stopped {
		st.work.Wait()
	}
	if len(st.open) == 0 || st.stopped {
		return nil
	}
	k := min(n, len(st.open))
	b := &streamBatch{qs: slices.Clone(st.open[:k]), rs: make([]Result, k), done: make(chan struct{})}
	st.open = append(st.open[:0], st.open[k:]...)
	st.pending <- b // never blocks: at most limit queries, one batch or more each, are in flight
	return b
}

// stop tells the reader and the workers that the caller stopped.
func (st *streamState) stop() {
	st.mu.Lock()
	st.stopped = true
	st.room.Broadcast()
	st.work.Broadcast()
	st.mu.Unlock()
}
