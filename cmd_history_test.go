package main

import (
	"io"
	"testing"
	"time"
)

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.Local)
	cases := []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{in: "", want: time.Time{}},
		{in: "2026-12-01", want: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)},
		{in: "2026-12-01 02:00", want: time.Date(2026, 12, 1, 2, 0, 0, 0, time.Local)},
		{in: "2026-12-01 02:00:30", want: time.Date(2026, 12, 1, 2, 0, 30, 0, time.Local)},
		{in: "2026-12-01T02:00:00+08:00", want: time.Date(2026, 12, 1, 2, 0, 0, 0, time.FixedZone("", 8*3600))},
		{in: "36h", want: now.Add(-36 * time.Hour)},
		{in: "7d", want: now.AddDate(0, 0, -7)},
		{in: "yesterday", bad: true},
		{in: "-3h", bad: true},
		{in: "-2d", bad: true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := parseSince(c.in, now)
			if c.bad != (err != nil) || !got.Equal(c.want) {
				t.Errorf("parseSince(%q) = %v, %v; want %v (error: %v)", c.in, got, err, c.want, c.bad)
			}
		})
	}
}

// TestTrackFlagsTakeImportsEnvironment: track takes the environment
// defaults of the import flags it has, and is not upset by those of the
// import flags it lacks (a cron job sets them for both).
func TestTrackFlagsTakeImportsEnvironment(t *testing.T) {
	t.Setenv("ORDERIMPORT_RATE", "2.5")
	t.Setenv("ORDERIMPORT_BATCH", "7")
	t.Setenv("ORDERIMPORT_SUMMARY_JSON", "/tmp/x.json")
	fs, f := newTrackFlags(io.Discard)
	files, err := parseCommandFlags(fs, []string{"r.csv", "--provider", "damaijia", "--workers", "2"})
	if err != nil || len(files) != 1 || f.rate != 2.5 || f.workers != 2 || f.provider != "damaijia" {
		t.Fatalf("files %v, err %v, rate %v workers %d", files, err, f.rate, f.workers)
	}
	t.Setenv("ORDERIMPORT_WORKERS", "0")
	fs, _ = newTrackFlags(io.Discard)
	if _, err := parseCommandFlags(fs, []string{"r.csv"}); err == nil {
		t.Error("ORDERIMPORT_WORKERS=0 accepted")
	}
}
