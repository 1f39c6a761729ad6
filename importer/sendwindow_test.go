package importer

import (
	"context"
	"testing"
	"time"
)

func TestSendWindowNil(t *testing.T) {
	if w := newSendWindow(0, 5); w != nil {
		t.Fatalf("unlimited rate: want no window, got %d slots", len(w.ring))
	}
	var w *sendWindow
	if err := w.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestSendWindowBlocksTheExtraRequest(t *testing.T) {
	w := newSendWindow(2, 1) // 3 per span
	for range 3 {
		if err := w.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := w.wait(ctx); err == nil {
		t.Fatal("a fourth request in the same second was let through")
	}
}
