/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tl-report"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "tl-error.h"
#include "tl-report-pdf.h"
#include "tl-report-private.h"

/* The report on paper: a marking and the tip id at the top of every page, the page
 * number at the bottom, a title and header block on the first page, then each section
 * as a two-column table (label, value) whose values wrap. Long values continue on the
 * next page line by line. Sizes are in points. */

#define MARGIN      54.0
#define BAND        22.0     /* room for the marking above the text */
#define FOOTER      22.0
#define PAD          3.0
#define FONT        "Cantarell, DejaVu Sans"

typedef enum
{
  BLOCK_TITLE,
  BLOCK_TEXT,
  BLOCK_NOTICE,
  BLOCK_HEADING,
  BLOCK_HEADER_ROW,
  BLOCK_ROW,
} BlockKind;

/* The longest value laid out as one paragraph (bytes); see add_row(). */
#define ROW_CHUNK 2048

typedef struct
{
  BlockKind kind;
  PangoLayout *label;   /* rows only */
  PangoLayout *value;   /* the text; split across pages by lines */
  gboolean shade;
  double gap;           /* space above, dropped at the top of a page */
  GArray *spans;        /* each line's top and bottom (double pairs), read once */
} Block;

typedef struct
{
  guint block;
  int first_line;
  int n_lines;
  double y;
  double height;
} Placed;

struct _TlReportPages
{
  TlReport *report;
  double width;
  double height;
  double label_width;
  PangoContext *context;
  GArray *blocks;       /* Block */
  GPtrArray *pages;     /* GArray of Placed */
};

/* helpers */

static void
block_clear (Block *block)
{
  g_clear_object (&block->label);
  g_clear_object (&block->value);
  g_clear_pointer (&block->spans, g_array_unref);
}

static PangoLayout *
new_layout (TlReportPages *self,
            const char    *text,
            double         size,
            PangoWeight    weight,
            double         width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
add_block (TlReportPages *self,
           BlockKind      kind,
           PangoLayout   *label,
           PangoLayout   *value,
           gboolean       shade,
           double         gap)
{
  Block block = { kind, label, value, shade, gap };

  g_array_append_val (self->blocks, block);
}

static double
content_width (TlReportPages *self)
{
  return self->width - 2 * MARGIN;
}

static void
add_row (TlReportPages *self,
         BlockKind      kind,
         TlReportRow   *row,
         gboolean       shade)
{
  double value_width = content_width (self) - self->label_width - 3 * PAD;
  PangoLayout *label = new_layout (self, row->label, 8.5, PANGO_WEIGHT_SEMIBOLD,
                                   self->label_width - PAD);
  PangoLayout *value;

  if (row->withheld != NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      value = new_layout (self, row->withheld, 9.5, PANGO_WEIGHT_NORMAL, value_width);
      pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_attr_list_insert (attrs, pango_attr_foreground_new (0x8c00, 0x4400, 0x0000));
      pango_layout_set_attributes (value, attrs);
      pango_attr_list_unref (attrs);
    }
  else if (row->override > 0)
    {
      /* Translators: under a value that an override released; %d is its number */
      g_autofree char *note = g_strdup_printf (_("released by override %d"), row->override);
      g_autofree char *text = g_strconcat (row->value, "\n", note, NULL);
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *style = pango_attr_style_new (PANGO_STYLE_ITALIC);
      PangoAttribute *colour = pango_attr_foreground_new (0x8c00, 0x4400, 0x0000);
      PangoAttribute *size = pango_attr_size_new (8 * PANGO_SCALE);

      value = new_layout (self, text, 9.5, PANGO_WEIGHT_NORMAL, value_width);
      style->start_index = colour->start_index = size->start_index = strlen (row->value) + 1;
      pango_attr_list_insert (attrs, style);
      pango_attr_list_insert (attrs, colour);
      pango_attr_list_insert (attrs, size);
      pango_layout_set_attributes (value, attrs);
      pango_attr_list_unref (attrs);
    }
  else if (strlen (row->value) > ROW_CHUNK)
    {
      /* Pango breaks one paragraph into lines in time that grows with the square of its
       * length: a long value (a narrative of up to 256 KiB) is laid out in pieces of at
       * most ROW_CHUNK bytes, cut at a line break or else a space, the label on the
       * first (issue 15: the largest tip allowed took minutes as a PDF). */
      const char *p = row->value;

      while (*p != '\0')
        {
          const char *end = p + strlen (p);
          g_autofree char *piece = NULL;

          if (end - p > ROW_CHUNK)
            {
              const char *cut = p + ROW_CHUNK;
              const char *at;

              for (at = cut; at > p + ROW_CHUNK / 2 && *at != '\n'; at--)
                ;
              if (*at != '\n')
                for (at = cut; at > p + ROW_CHUNK / 2 && *at != ' '; at--)
                  ;
              if (*at != '\n' && *at != ' ')
                at = g_utf8_find_prev_char (p, cut + 1);
              end = at;
            }
          piece = g_strndup (p, end - p);
          add_block (self, kind,
                     label != NULL ? label : new_layout (self, "", 8.5, PANGO_WEIGHT_SEMIBOLD,
                                                         self->label_width - PAD),
                     new_layout (self, piece, 9.5, PANGO_WEIGHT_NORMAL, value_width), shade, 0);
          label = NULL;
          p = end;
          if (*p == '\n' || *p == ' ')
            p++;
        }
      return;
    }
  else
    value = new_layout (self, row->value, 9.5, PANGO_WEIGHT_NORMAL, value_width);

  add_block (self, kind, label, value, shade, 0);
}

static void
build_blocks (TlReportPages *self)
{
  TlReport *report = self->report;
  double width = content_width (self);

  add_block (self, BLOCK_TITLE, NULL,
             new_layout (self, report->title, 17, PANGO_WEIGHT_BOLD, width), FALSE, 0);
  add_block (self, BLOCK_TEXT, NULL,
             new_layout (self, report->audience, 9.5, PANGO_WEIGHT_NORMAL, width), FALSE, 2);

  for (guint i = 0; i < report->header->len; i++)
    add_row (self, BLOCK_HEADER_ROW, g_ptr_array_index (report->header, i), TRUE);
  if (report->header->len > 0)
    g_array_index (self->blocks, Block, self->blocks->len - report->header->len).gap = 10;

  for (guint i = 0; i <= report->sections->len; i++)
    {
      TlReportSection *section;
      gboolean repeated;

      if (i == MIN (report->lead, report->sections->len))
        for (guint n = 0; n < report->notices->len; n++)
          add_block (self, BLOCK_NOTICE, NULL,
                     new_layout (self, g_ptr_array_index (report->notices, n), 8.5,
                                 PANGO_WEIGHT_NORMAL, width - 14),
                     FALSE, n == 0 ? 10 : 3);
      if (i == report->sections->len)
        break;
      section = g_ptr_array_index (report->sections, i);

      /* "Vehicle 2" is a smaller heading than "Situation": six cards in a row should
       * read as one part of the report, not six */
      repeated = section->index >= 0;

      add_block (self, BLOCK_HEADING, NULL,
                 new_layout (self, section->title, repeated ? 10 : 11.5, PANGO_WEIGHT_BOLD, width),
                 FALSE, repeated && section->index > 0 ? 7 : 14);
      for (guint j = 0; j < section->rows->len; j++)
        add_row (self, BLOCK_ROW, g_ptr_array_index (section->rows, j), j % 2 == 0);
    }
}

/* Top and bottom of lines [first, first + n) of a block's text, in points. The lines'
 * ranges are read once per block: reading them from the first line for every line
 * tried made paginating a long narrative quadratic (issue 15: the largest tip allowed
 * took minutes as a PDF). */
static void
line_span (Block  *block,
           int     first,
           int     n,
           double *top,
           double *bottom)
{
  if (block->spans == NULL)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (block->value);

      block->spans = g_array_new (FALSE, FALSE, sizeof (double));
      do
        {
          int y0, y1;
          double range[2];

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          range[0] = (double) y0 / PANGO_SCALE;
          range[1] = (double) y1 / PANGO_SCALE;
          g_array_append_vals (block->spans, range, 2);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  *top = *bottom = 0;
  if (first >= 0 && (guint) (2 * first) < block->spans->len)
    *top = g_array_index (block->spans, double, 2 * first);
  if (n > 0 && (guint) (2 * (first + n - 1) + 1) < block->spans->len)
    *bottom = g_array_index (block->spans, double, 2 * (first + n - 1) + 1);
}

static double
part_height (Block *block,
             int    first,
             int    n)
{
  double top, bottom, height;

  line_span (block, first, n, &top, &bottom);
  height = bottom - top;

  switch (block->kind)
    {
    case BLOCK_HEADER_ROW:
    case BLOCK_ROW:
      if (first == 0)
        {
          int lw, lh;

          pango_layout_get_size (block->label, &lw, &lh);
          height = MAX (height, (double) lh / PANGO_SCALE);
        }
      return height + 2 * PAD;
    case BLOCK_HEADING:
      return height + 5;
    case BLOCK_NOTICE:
      return height + 2;
    case BLOCK_TITLE:
    case BLOCK_TEXT:
    default:
      return height + 2;
    }
}

static GArray *
new_page (TlReportPages *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placed));

  g_ptr_array_add (self->pages, page);
  return page;
}

static void
paginate (TlReportPages *self)
{
  double top = MARGIN + BAND;
  double bottom = self->height - MARGIN - FOOTER;
  GArray *page = new_page (self);
  double y = top;

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = &g_array_index (self->blocks, Block, b);
      int n = pango_layout_get_line_count (block->value);
      int first = 0;

      if (page->len > 0)
        y += block->gap;

      /* a heading stays with the first row under it (as much of it as would not be
       * moved whole to the next page) */
      if (block->kind == BLOCK_HEADING && page->len > 0 && b + 1 < self->blocks->len)
        {
          Block *next = &g_array_index (self->blocks, Block, b + 1);
          int next_lines = pango_layout_get_line_count (next->value);

          if (next_lines > 6)
            next_lines = 2;
          if (y + part_height (block, 0, n) + part_height (next, 0, next_lines) > bottom)
            {
              page = new_page (self);
              y = top;
            }
        }

      while (first < n)
        {
          int fit = 0;
          Placed placed;

          while (first + fit < n && y + part_height (block, first, fit + 1) <= bottom)
            fit++;

          /* Short rows move whole to the next page instead of splitting; a row that is
           * taller than a page, or the first thing on a page, is split by lines. */
          if (fit < n - first && page->len > 0 && (fit < 2 || n - first <= 6))
            {
              page = new_page (self);
              y = top;
              continue;
            }
          if (fit == 0)
            fit = 1;

          placed.block = b;
          placed.first_line = first;
          placed.n_lines = fit;
          placed.y = y;
          placed.height = part_height (block, first, fit);
          g_array_append_val (page, placed);
          y += placed.height;
          first += fit;

          if (first < n)
            {
              page = new_page (self);
              y = top;
            }
        }
    }
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
show_lines (cairo_t     *cr,
            PangoLayout *layout,
            int          first,
            int          n,
            double       x,
            double       y)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double top = 0;
  int index = 0;

  do
    {
      if (index >= first && index < first + n)
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);
          int y0, y1;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          if (index == first)
            top = (double) y0 / PANGO_SCALE;
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         y + (double) baseline / PANGO_SCALE - top);
          pango_cairo_show_layout_line (cr, line);
        }
      index++;
    }
  while (index < first + n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_small (TlReportPages *self,
            cairo_t       *cr,
            const char    *text,
            double         y,
            PangoAlignment align,
            gboolean       bold,
            guint32        rgb)
{
  g_autoptr(PangoLayout) layout = new_layout (self, text, bold ? 9 : 7.5,
                                              bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                              content_width (self));

  pango_layout_set_alignment (layout, align);
  set_rgb (cr, rgb);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_frame (TlReportPages *self,
            cairo_t       *cr,
            guint          page)
{
  TlReport *report = self->report;
  g_autofree char *tip = g_strdup_printf ("%s %s", _("Tip"), report->tip->id);
  /* Translators: page numbers at the foot of a report page */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autofree char *foot = g_strdup_printf ("%s · %s", report->title,
                                           tl_report_profile_get_name (report->profile));
  double rule_top = MARGIN + BAND - 8;
  double rule_bottom = self->height - MARGIN - FOOTER + 6;

  draw_small (self, cr, report->marking, MARGIN - 4, PANGO_ALIGN_LEFT, TRUE, 0xa01010);
  draw_small (self, cr, tip, MARGIN - 2, PANGO_ALIGN_RIGHT, FALSE, 0x606060);

  set_rgb (cr, 0xa01010);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, MARGIN, rule_top);
  cairo_line_to (cr, self->width - MARGIN, rule_top);
  cairo_stroke (cr);

  set_rgb (cr, 0xb0b0b0);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, rule_bottom);
  cairo_line_to (cr, self->width - MARGIN, rule_bottom);
  cairo_stroke (cr);

  draw_small (self, cr, foot, rule_bottom + 4, PANGO_ALIGN_LEFT, FALSE, 0x606060);
  draw_small (self, cr, number, rule_bottom + 4, PANGO_ALIGN_RIGHT, FALSE, 0x303030);
}

static void
draw_placed (TlReportPages *self,
             cairo_t       *cr,
             Placed        *placed)
{
  Block *block = &g_array_index (self->blocks, Block, placed->block);
  double x = MARGIN;
  double width = content_width (self);

  switch (block->kind)
    {
    case BLOCK_HEADER_ROW:
    case BLOCK_ROW:
      if (block->shade)
        {
          set_rgb (cr, block->kind == BLOCK_HEADER_ROW ? 0xe9eef5 : 0xf3f3f4);
          cairo_rectangle (cr, x, placed->y, width, placed->height);
          cairo_fill (cr);
        }
      if (placed->first_line == 0)
        {
          set_rgb (cr, 0x4a4f57);
          cairo_move_to (cr, x + PAD, placed->y + PAD);
          pango_cairo_show_layout (cr, block->label);
        }
      set_rgb (cr, 0x14161a);
      show_lines (cr, block->value, placed->first_line, placed->n_lines,
                  x + self->label_width + 2 * PAD, placed->y + PAD);
      break;

    case BLOCK_HEADING:
      set_rgb (cr, 0x1f3350);
      show_lines (cr, block->value, placed->first_line, placed->n_lines, x, placed->y);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x, placed->y + placed->height - 1.5);
      cairo_line_to (cr, x + width, placed->y + placed->height - 1.5);
      cairo_stroke (cr);
      break;

    case BLOCK_NOTICE:
      set_rgb (cr, 0x8c4400);
      cairo_rectangle (cr, x, placed->y, 3, placed->height);
      cairo_fill (cr);
      set_rgb (cr, 0x2a2a2a);
      show_lines (cr, block->value, placed->first_line, placed->n_lines, x + 12, placed->y + 1);
      break;

    case BLOCK_TITLE:
      set_rgb (cr, 0x10141a);
      show_lines (cr, block->value, placed->first_line, placed->n_lines, x, placed->y);
      break;

    case BLOCK_TEXT:
    default:
      set_rgb (cr, 0x30343a);
      show_lines (cr, block->value, placed->first_line, placed->n_lines, x, placed->y);
      break;
    }
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* public API */

TlPaper
tl_paper_for_locale (const char *locale)
{
  static const char * const letter[] = { "US", "CA", "MX", "PR", "PH", "CL", "CO", "VE" };
  const char *underscore;
  char country[3] = { 0 };

  if (locale == NULL)
    {
      locale = setlocale (LC_PAPER, NULL);
      if (locale == NULL || g_str_equal (locale, "C") || g_str_has_prefix (locale, "C."))
        locale = setlocale (LC_MESSAGES, NULL);
    }

  /* "es_US.UTF-8@euro": the country is the two letters after the underscore */
  underscore = locale != NULL ? strchr (locale, '_') : NULL;
  if (underscore == NULL || !g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2]))
    return TL_PAPER_LETTER;
  country[0] = g_ascii_toupper (underscore[1]);
  country[1] = g_ascii_toupper (underscore[2]);

  for (guint i = 0; i < G_N_ELEMENTS (letter); i++)
    if (g_str_equal (country, letter[i]))
      return TL_PAPER_LETTER;
  return TL_PAPER_A4;
}

void
tl_paper_get_size (TlPaper  paper,
                   double  *width,
                   double  *height)
{
  *width = paper == TL_PAPER_A4 ? 595.28 : 612.0;
  *height = paper == TL_PAPER_A4 ? 841.89 : 792.0;
}

TlReportPages *
tl_report_pages_new (TlReport *report,
                     cairo_t  *cr,
                     double    width,
                     double    height)
{
  TlReportPages *self;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (width > 4 * MARGIN && height > 4 * MARGIN, NULL);

  self = g_new0 (TlReportPages, 1);
  self->report = report;
  self->width = width;
  self->height = height;
  self->label_width = MIN (150.0, (width - 2 * MARGIN) * 0.3);
  self->context = pango_cairo_create_context (cr);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify) block_clear);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  build_blocks (self);
  paginate (self);
  return self;
}

guint
tl_report_pages_get_n_pages (TlReportPages *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

void
tl_report_pages_draw (TlReportPages *self,
                      cairo_t       *cr,
                      guint          page)
{
  GArray *placed;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->pages->len);

  cairo_save (cr);
  pango_cairo_update_context (cr, self->context);
  draw_frame (self, cr, page);
  placed = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < placed->len; i++)
    draw_placed (self, cr, &g_array_index (placed, Placed, i));
  cairo_restore (cr);
}

void
tl_report_pages_free (TlReportPages *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_object_unref (self->context);
  g_free (self);
}

GBytes *
tl_report_to_pdf (TlReport  *report,
                  GError   **error)
{
  GByteArray *data = g_byte_array_new ();
  g_autoptr(TlReportPages) pages = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tl_paper_get_size (tl_paper_for_locale (NULL), &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_cb, data, width, height);
  /* The file says what it is, not whom it is about. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tipline " PACKAGE_VERSION);
  cr = cairo_create (surface);

  pages = tl_report_pages_new (report, cr, width, height);
  for (guint i = 0; i < tl_report_pages_get_n_pages (pages); i++)
    {
      tl_report_pages_draw (pages, cr, i);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (data);
      g_set_error (error, TL_ERROR, TL_ERROR_FAILED,
                   _("The PDF could not be made (%s). Try the plain text format instead."),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (data);
}
