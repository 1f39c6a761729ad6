// Package synth generates deterministic, synthetic order spreadsheets for
// benchmarks and rehearsals: damaijia consignee rows and storefront line
// items with realistic cell sizes, made-up names (张测试, 李样例), test
// phone numbers (138…) and fictional streets. The same seed always gives
// the same file.
package synth
