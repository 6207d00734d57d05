"""Form widgets shared by the back office."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html


class EditorTeksKaya(forms.Textarea):
    """Rich-text editor (TinyMCE 6, vendored under static/vendor/tinymce, no CDN).

    Whatever the browser sends is still cleaned by the service with sid.lib.html.bersihkan_html.
    `mode="surat"` adds table tools for letter templates.
    """

    def __init__(self, attrs=None, *, mode: str = "artikel"):
        attrs = {"data-editor": "kaya", "data-mode": mode, "rows": 18, **(attrs or {})}
        super().__init__(attrs)

    class Media:
        js = ["vendor/tinymce/tinymce.min.js", "sid/editor.js"]


class InputBerkasSimpanan(forms.ClearableFileInput):
    """A file input that survives a form error: the file chosen before the error is kept
    (sid.lib.simpanan) and used again unless another is chosen, with a note saying so.

    A form calls `simpan_pilihan(berkas)` for a checked upload (a browser cannot re-fill a file
    input, and Django renders file inputs empty); the file is kept, and its token written into
    the page, only when the page is shown again."""

    pilihan = None  # the checked upload of this submission

    def simpan_pilihan(self, berkas) -> None:
        self.pilihan = berkas

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.pilihan is None:
            return html
        from sid.lib import simpanan

        if not getattr(self.pilihan, "token_simpanan", ""):
            self.pilihan.token_simpanan = simpanan.simpan(self.pilihan)
        token = self.pilihan.token_simpanan
        return format_html(
            '{}<input type="hidden" name="{}_simpanan" value="{}">'
            '<p class="help sid-berkas-simpanan">Berkas terpilih: <strong>{}</strong> — tetap '
            "dipakai bila tidak memilih berkas lain.</p>",
            html,
            name,
            token,
            self.pilihan.name,
        )

    def value_from_datadict(self, data, files, name):
        nilai = super().value_from_datadict(data, files, name)
        token = data.get(f"{name}_simpanan")
        if nilai is None and token:
            from sid.lib import simpanan

            nilai = simpanan.ambil(token)
            if nilai is not None:
                nilai.token_simpanan = token
        return nilai

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and not data.get(
            f"{name}_simpanan"
        )
