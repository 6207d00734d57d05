"""What the article form of the back office sends, as a browser submits it."""


def data_artikel(**extra) -> dict:
    return {
        "judul": "Judul",
        "slug": "",
        "kategori": "",
        "ringkasan": "",
        "isi": "<p>Isi</p>",
        "gambar_alt": "",
        "gambar_keterangan": "",
        "lampiran_judul": "",
        "galeri-TOTAL_FORMS": "0",
        "galeri-INITIAL_FORMS": "0",
        "galeri-MIN_NUM_FORMS": "0",
        "galeri-MAX_NUM_FORMS": "3",
        **extra,
    }
