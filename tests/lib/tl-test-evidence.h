/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evidence files built byte by byte for the attachment tests (issue 20): a JPEG and a
 * PNG carrying EXIF with GPS, camera and dates, XMP, IPTC and comments, so a cleaned
 * copy can be checked for each. Part of tipline-test-helpers. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strings the metadata carries: a cleaned copy must contain none of them. */
#define TL_TEST_EVIDENCE_MAKE     "QzxCameraMaker"
#define TL_TEST_EVIDENCE_MODEL    "QzxModel 7"
#define TL_TEST_EVIDENCE_DATE     "2026:03:14 21:05:09"
#define TL_TEST_EVIDENCE_XMP      "QzxXmpCreator"
#define TL_TEST_EVIDENCE_IPTC     "QzxIptcByline"
#define TL_TEST_EVIDENCE_COMMENT  "QzxComment"
/* 35° 5' 3" N, 106° 39' 2" W, as the EXIF GPS rationals say it. */
#define TL_TEST_EVIDENCE_LAT_DEG  35
#define TL_TEST_EVIDENCE_LON_DEG  106

GBytes     *tl_test_evidence_exif      (void);
GBytes     *tl_test_evidence_jpeg      (void);
GBytes     *tl_test_evidence_plain_jpeg (void);
GBytes     *tl_test_evidence_png       (void);
GBytes     *tl_test_evidence_plain_png (void);
/* 0.5 s of a 440 Hz tone, 8 kHz mono 16-bit PCM in a WAV header. */
GBytes     *tl_test_evidence_wav       (void);
gboolean    tl_test_bytes_contain      (GBytes      *bytes,
                                        const char  *needle,
                                        gsize        needle_length);

G_END_DECLS
