"""The built-in letter types SID ships (seeded by migration 0002, editable by the village).

Texts follow the common wording of village letters (and OpenSID's templates), with OpenSID's
case rule for codes: `[NAma]` prints in capitals, `[Nama_desa]` in Title Case, and free text
typed by the operator is printed as typed with codes ending in a capital (`[Form_keperluaN]`).
The village may change any text; the original stays in `JenisSurat.isi_asli` ("Pulihkan").
"""

from __future__ import annotations


def _baris(label: str, kode: str) -> str:
    return f"<tr><td>{label}</td><td>:</td><td>{kode}</td></tr>"


def _tabel(*baris: tuple[str, str]) -> str:
    """A label : value table; column widths once in <colgroup> (cheaper to lay out than a
    width on every cell)."""
    return (
        '<table style="width: 100%"><colgroup><col style="width: 34%"><col style="width: 3%">'
        "<col></colgroup><tbody>" + "".join(_baris(*b) for b in baris) + "</tbody></table>"
    )


PEMBUKA = (
    '<p style="text-align: justify">Yang bertanda tangan di bawah ini [Jabatan] [Nama_desa], '
    "[Sebutan_kecamatan] [Nama_kecamatan], [Sebutan_kabupaten] [Nama_kabupaten], Provinsi "
    "[Nama_provinsi], menerangkan dengan sebenarnya bahwa:</p>"
)

IDENTITAS = _tabel(
    ("Nama", "<strong>[NAma]</strong>"),
    ("NIK", "[nik]"),
    ("Tempat/Tanggal Lahir", "[Tempat_tgl_lahir]"),
    ("Jenis Kelamin", "[Jenis_kelamin]"),
    ("Agama", "[Agama]"),
    ("Status Perkawinan", "[Status_kawin]"),
    ("Pekerjaan", "[Pekerjaan]"),
    ("Kewarganegaraan", "[WArga_negara]"),
    ("Alamat", "[AlamaT]"),
)

IDENTITAS_KK = _tabel(
    ("Nama", "<strong>[NAma]</strong>"),
    ("NIK", "[nik]"),
    ("Nomor KK", "[no_kk]"),
    ("Tempat/Tanggal Lahir", "[Tempat_tgl_lahir]"),
    ("Jenis Kelamin", "[Jenis_kelamin]"),
    ("Agama", "[Agama]"),
    ("Status Perkawinan", "[Status_kawin]"),
    ("Pekerjaan", "[Pekerjaan]"),
    ("Kewarganegaraan", "[WArga_negara]"),
    ("Alamat", "[AlamaT]"),
)


def _p(teks: str) -> str:
    return f'<p style="text-align: justify">{teks}</p>'


BERLAKU = _p("Surat keterangan ini berlaku mulai [Mulai_berlaku] sampai dengan [Berlaku_sampai].")
PENUTUP = _p(
    "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan "
    "sebagaimana mestinya."
)
PENUTUP_PENGANTAR = _p(
    "Demikian surat pengantar ini dibuat untuk dapat dipergunakan sebagaimana mestinya."
)


def _isian(kode: str, label: str, jenis: str = "teks", wajib: bool = True, **lain) -> dict:
    return {"kode": kode, "label": label, "jenis": jenis, "wajib": wajib, **lain}


KEPERLUAN = _isian("form_keperluan", "Keperluan", bantuan="Mis. melamar pekerjaan.")
SYARAT_DASAR = "Fotokopi KTP-el\nFotokopi Kartu Keluarga\nSurat pengantar RT/RW"

JENIS_BAWAAN: list[dict] = [
    {
        "slug": "keterangan-pengantar",
        "nama": "Keterangan Pengantar",
        "judul": "SURAT PENGANTAR",
        "kode_surat": "470",
        "isian": [KEPERLUAN, _isian("form_keterangan", "Keterangan lain", "teks_panjang", False)],
        "syarat": SYARAT_DASAR,
        "masa_berlaku": 1,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS_KK
        + _p(
            "Orang tersebut di atas adalah benar warga [Sebutan_desa] [Nama_desa] yang bertempat "
            "tinggal di alamat tersebut di atas. Surat pengantar ini diberikan untuk keperluan: "
            "<strong>[Form_keperluaN]</strong>."
        )
        + _p("Keterangan lain: [Form_keterangaN]")
        + _p("Surat pengantar ini berlaku mulai [Mulai_berlaku] sampai dengan [Berlaku_sampai].")
        + PENUTUP_PENGANTAR,
    },
    {
        "slug": "keterangan-penduduk",
        "nama": "Keterangan Penduduk",
        "judul": "SURAT KETERANGAN PENDUDUK",
        "kode_surat": "470",
        "isian": [KEPERLUAN],
        "syarat": SYARAT_DASAR,
        "masa_berlaku": 3,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS_KK
        + _p(
            "Orang tersebut di atas adalah benar penduduk [Sebutan_desa] [Nama_desa] yang "
            "tercatat dalam Buku Induk Penduduk dengan status penduduk [STatus_penduduk], "
            "sebagai [Hubungan] dalam Kartu Keluarga Nomor [no_kk]."
        )
        + _p("Surat keterangan ini diberikan untuk keperluan: <strong>[Form_keperluaN]</strong>.")
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "biodata-penduduk",
        "nama": "Biodata Penduduk",
        "judul": "BIODATA PENDUDUK WARGA NEGARA INDONESIA",
        "kode_surat": "471.11",
        "isian": [],
        "syarat": "Fotokopi Kartu Keluarga",
        "masa_berlaku": 0,
        "online": False,
        "isi": "<p><strong>DATA KELUARGA</strong></p>"
        + _tabel(
            ("Nama Kepala Keluarga", "[KEpala_kk]"),
            ("Nomor Kartu Keluarga", "[no_kk]"),
            ("Alamat", "[AlamaT]"),
            ("[Sebutan_desa]", "[Nama_desa]"),
            ("[Sebutan_kecamatan]", "[Nama_kecamatan]"),
            ("[Sebutan_kabupaten]", "[Nama_kabupaten]"),
            ("Provinsi", "[Nama_provinsi]"),
        )
        + "<p><strong>DATA INDIVIDU</strong></p>"
        + _tabel(
            ("Nama Lengkap", "<strong>[NAma]</strong>"),
            ("NIK", "[nik]"),
            ("Jenis Kelamin", "[Jenis_kelamin]"),
            ("Tempat Lahir", "[Tempat_lahir]"),
            ("Tanggal Lahir", "[Tanggal_lahir]"),
            ("Nomor Akta Kelahiran", "[AKta_lahir]"),
            ("Golongan Darah", "[GOlongan_darah]"),
            ("Agama", "[Agama]"),
            ("Status Perkawinan", "[Status_kawin]"),
            ("Nomor Akta Perkawinan", "[AKta_perkawinan]"),
            ("Tanggal Perkawinan", "[Tanggal_perkawinan]"),
            ("Hubungan dalam Keluarga", "[Hubungan]"),
            ("Pendidikan Terakhir", "[PEndidikan]"),
            ("Pekerjaan", "[Pekerjaan]"),
            ("Kewarganegaraan", "[WArga_negara]"),
            ("Nomor Paspor", "[No_paspoR]"),
            ("NIK Ibu", "[nik_ibu]"),
            ("Nama Ibu", "[NAma_ibu]"),
            ("NIK Ayah", "[nik_ayah]"),
            ("Nama Ayah", "[NAma_ayah]"),
        )
        + _p(
            "Demikian biodata ini dibuat sesuai dengan data dalam Buku Induk Penduduk "
            "[Sebutan_desa] [Nama_desa]."
        ),
    },
    {
        "slug": "keterangan-usaha",
        "nama": "Keterangan Usaha",
        "judul": "SURAT KETERANGAN USAHA",
        "kode_surat": "500",
        "isian": [
            _isian("form_usaha", "Jenis/nama usaha", bantuan="Mis. warung sembako."),
            _isian("form_alamat_usaha", "Alamat tempat usaha"),
            _isian(
                "form_mulai_usaha",
                "Usaha dijalankan sejak",
                wajib=False,
                bantuan="Mis. tahun 2019.",
            ),
            KEPERLUAN,
        ],
        "syarat": SYARAT_DASAR + "\nFoto tempat usaha (bila ada)",
        "masa_berlaku": 6,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS
        + _p(
            "Orang tersebut di atas adalah benar warga [Sebutan_desa] [Nama_desa] yang memiliki "
            "dan menjalankan usaha <strong>[Form_usahA]</strong> yang bertempat di "
            "[Form_alamat_usahA] sejak [Form_mulai_usahA]. Sampai dengan dikeluarkannya surat "
            "keterangan ini, usaha tersebut masih berjalan."
        )
        + _p("Surat keterangan ini diberikan untuk keperluan: <strong>[Form_keperluaN]</strong>.")
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "keterangan-domisili",
        "nama": "Keterangan Domisili",
        "judul": "SURAT KETERANGAN DOMISILI",
        "kode_surat": "470",
        "isian": [
            _isian(
                "form_sejak", "Bertempat tinggal sejak", wajib=False, bantuan="Mis. tahun 2015."
            ),
            KEPERLUAN,
        ],
        "syarat": SYARAT_DASAR,
        "masa_berlaku": 3,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS
        + _p(
            "Orang tersebut di atas adalah benar berdomisili dan bertempat tinggal di [AlamaT], "
            "[Sebutan_desa] [Nama_desa], [Sebutan_kecamatan] [Nama_kecamatan], "
            "[Sebutan_kabupaten] [Nama_kabupaten] sejak [Form_sejaK]."
        )
        + _p("Surat keterangan ini diberikan untuk keperluan: <strong>[Form_keperluaN]</strong>.")
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "keterangan-domisili-usaha",
        "nama": "Keterangan Domisili Usaha",
        "judul": "SURAT KETERANGAN DOMISILI USAHA",
        "kode_surat": "500",
        "isian": [
            _isian("form_nama_usaha", "Nama usaha"),
            _isian("form_jenis_usaha", "Jenis usaha / bidang usaha"),
            _isian("form_alamat_usaha", "Alamat usaha"),
            _isian(
                "form_status_tempat",
                "Status tempat usaha",
                "pilihan",
                pilihan=["Milik sendiri", "Sewa/kontrak", "Pinjam pakai"],
            ),
            _isian("form_jumlah_karyawan", "Jumlah tenaga kerja", "angka", False),
            KEPERLUAN,
        ],
        "syarat": SYARAT_DASAR + "\nBukti kepemilikan/sewa tempat usaha",
        "masa_berlaku": 1,
        "satuan_masa_berlaku": "tahun",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS
        + _p("adalah benar pemilik/penanggung jawab usaha dengan keterangan sebagai berikut:")
        + _tabel(
            ("Nama Usaha", "<strong>[FOrm_nama_usaha]</strong>"),
            ("Jenis Usaha", "[Form_jenis_usahA]"),
            ("Alamat Usaha", "[Form_alamat_usahA]"),
            ("Status Tempat Usaha", "[Form_status_tempaT]"),
            ("Jumlah Tenaga Kerja", "[Form_jumlah_karyawaN] orang"),
        )
        + _p(
            "Usaha tersebut di atas benar berdomisili di wilayah [Sebutan_desa] [Nama_desa], "
            "[Sebutan_kecamatan] [Nama_kecamatan], [Sebutan_kabupaten] [Nama_kabupaten]."
        )
        + _p("Surat keterangan ini diberikan untuk keperluan: <strong>[Form_keperluaN]</strong>.")
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "sktm",
        "nama": "Keterangan Kurang Mampu (SKTM)",
        "judul": "SURAT KETERANGAN TIDAK MAMPU",
        "kode_surat": "401",
        "syarat_penduduk": "kepala_keluarga",
        "isian": [KEPERLUAN],
        "syarat": SYARAT_DASAR + "\nSurat pernyataan tidak mampu yang diketahui RT/RW",
        "masa_berlaku": 3,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS_KK
        + _p(
            "adalah benar kepala keluarga warga [Sebutan_desa] [Nama_desa] dengan susunan "
            "anggota keluarga sebagai berikut:"
        )
        + "[anggota_keluarga]"
        + _p(
            "Berdasarkan pengamatan kami dan keterangan Ketua RT/RW setempat, keluarga tersebut "
            "di atas benar tergolong keluarga kurang mampu (tidak mampu) secara ekonomi."
        )
        + _p("Surat keterangan ini diberikan untuk keperluan: <strong>[Form_keperluaN]</strong>.")
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "pengantar-skck",
        "nama": "Pengantar SKCK",
        "judul": "SURAT PENGANTAR CATATAN KEPOLISIAN",
        "kode_surat": "331",
        "isian": [KEPERLUAN],
        "syarat": SYARAT_DASAR + "\nPas foto berwarna 4×6 (2 lembar)\nFotokopi akta kelahiran",
        "masa_berlaku": 1,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS
        + _p(
            "Orang tersebut di atas adalah benar warga [Sebutan_desa] [Nama_desa]. Berdasarkan "
            "catatan yang ada pada kami dan sepanjang pengetahuan kami, orang tersebut "
            "berkelakuan baik, tidak pernah terlibat dalam tindak pidana, dan tidak sedang "
            "dalam proses perkara pidana."
        )
        + _p(
            "Surat pengantar ini diberikan sebagai kelengkapan permohonan Surat Keterangan "
            "Catatan Kepolisian (SKCK) untuk keperluan: <strong>[Form_keperluaN]</strong>."
        )
        + _p("Surat pengantar ini berlaku mulai [Mulai_berlaku] sampai dengan [Berlaku_sampai].")
        + PENUTUP_PENGANTAR,
    },
    {
        "slug": "ktp-dalam-proses",
        "nama": "Keterangan KTP dalam Proses",
        "judul": "SURAT KETERANGAN KTP DALAM PROSES",
        "kode_surat": "471.13",
        "isian": [_isian("form_keperluan", "Keperluan", wajib=False)],
        "syarat": "Fotokopi Kartu Keluarga\nBukti perekaman KTP-el",
        "masa_berlaku": 1,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS_KK
        + _p(
            "Orang tersebut di atas adalah benar penduduk [Sebutan_desa] [Nama_desa] yang telah "
            "melakukan perekaman data Kartu Tanda Penduduk Elektronik (KTP-el), dan saat ini "
            "KTP-el yang bersangkutan masih dalam proses penerbitan di Dinas Kependudukan dan "
            "Pencatatan Sipil [Sebutan_kabupaten] [Nama_kabupaten]."
        )
        + _p(
            "Surat keterangan ini dapat dipergunakan sebagai pengganti sementara KTP-el untuk "
            "keperluan: <strong>[Form_keperluaN]</strong>."
        )
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "keterangan-bepergian",
        "nama": "Keterangan Bepergian",
        "judul": "SURAT KETERANGAN BEPERGIAN",
        "kode_surat": "470",
        "isian": [
            _isian("form_tujuan", "Alamat tujuan"),
            _isian("form_tanggal_berangkat", "Tanggal berangkat", "tanggal"),
            _isian("form_lama", "Lama bepergian", bantuan="Mis. 2 minggu."),
            _isian("form_pengikut", "Jumlah pengikut", "angka", False),
            KEPERLUAN,
        ],
        "syarat": SYARAT_DASAR,
        "masa_berlaku": 1,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS
        + _p(
            "Orang tersebut di atas adalah benar warga [Sebutan_desa] [Nama_desa] yang akan bepergian dengan keterangan sebagai berikut:"
        )
        + _tabel(
            ("Tujuan", "[Form_tujuaN]"),
            ("Tanggal Berangkat", "[Form_tanggal_berangkat]"),
            ("Lama Bepergian", "[Form_lamA]"),
            ("Keperluan", "[Form_keperluaN]"),
            ("Jumlah Pengikut", "[Form_pengikuT] orang"),
        )
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "pengantar-izin-keramaian",
        "nama": "Pengantar Izin Keramaian",
        "judul": "SURAT PENGANTAR IZIN KERAMAIAN",
        "kode_surat": "301",
        "isian": [
            _isian("form_acara", "Jenis acara", bantuan="Mis. resepsi pernikahan."),
            _isian("form_tanggal_acara", "Tanggal acara", "tanggal"),
            _isian("form_waktu_acara", "Waktu acara", bantuan="Mis. 08.00 s.d. 22.00 WIB."),
            _isian("form_tempat_acara", "Tempat acara"),
            _isian("form_hiburan", "Hiburan", wajib=False, bantuan="Mis. organ tunggal."),
            _isian("form_jumlah_undangan", "Perkiraan jumlah undangan", "angka", False),
        ],
        "syarat": SYARAT_DASAR + "\nSurat pernyataan tidak keberatan dari tetangga sekitar",
        "masa_berlaku": 0,
        "online": False,
        "isi": PEMBUKA
        + IDENTITAS
        + _p(
            "Orang tersebut di atas bermaksud menyelenggarakan keramaian dengan keterangan sebagai berikut:"
        )
        + _tabel(
            ("Jenis Acara", "<strong>[Form_acarA]</strong>"),
            ("Hari/Tanggal", "[Form_tanggal_acara]"),
            ("Waktu", "[Form_waktu_acarA]"),
            ("Tempat", "[Form_tempat_acarA]"),
            ("Hiburan", "[Form_hiburaN]"),
            ("Perkiraan Jumlah Undangan", "[Form_jumlah_undangaN] orang"),
        )
        + _p(
            "Pada prinsipnya kami tidak berkeberatan atas penyelenggaraan acara tersebut, dengan "
            "ketentuan penyelenggara menjaga keamanan, ketertiban dan kebersihan lingkungan. "
            "Surat pengantar ini diberikan untuk mengurus izin keramaian pada Kepolisian "
            "setempat."
        )
        + PENUTUP_PENGANTAR,
    },
    {
        "slug": "pengantar-laporan-kehilangan",
        "nama": "Pengantar Laporan Kehilangan",
        "judul": "SURAT PENGANTAR LAPORAN KEHILANGAN",
        "kode_surat": "331",
        "isian": [
            _isian("form_barang", "Barang/dokumen yang hilang", bantuan="Mis. KTP-el, BPKB."),
            _isian("form_rincian", "Rincian (nomor, ciri-ciri)", "teks_panjang", False),
            _isian("form_tempat_hilang", "Perkiraan tempat hilang", wajib=False),
            _isian("form_tanggal_hilang", "Perkiraan tanggal hilang", "tanggal", False),
        ],
        "syarat": SYARAT_DASAR,
        "masa_berlaku": 0,
        "online": False,
        "isi": PEMBUKA
        + IDENTITAS
        + _p(
            "Orang tersebut di atas telah melaporkan kepada kami kehilangan barang/dokumen sebagai berikut:"
        )
        + _tabel(
            ("Barang/Dokumen", "<strong>[Form_baranG]</strong>"),
            ("Rincian", "[Form_rinciaN]"),
            ("Perkiraan Tempat Hilang", "[Form_tempat_hilanG]"),
            ("Perkiraan Tanggal Hilang", "[Form_tanggal_hilang]"),
        )
        + _p(
            "Surat pengantar ini diberikan untuk membuat laporan kehilangan pada Kepolisian "
            "setempat."
        )
        + PENUTUP_PENGANTAR,
    },
    {
        "slug": "keterangan-pergi-kawin",
        "nama": "Keterangan Pergi Kawin",
        "judul": "SURAT KETERANGAN PERGI KAWIN",
        "kode_surat": "472.2",
        "isian": [
            _isian("form_nama_pasangan", "Nama calon pasangan"),
            _isian("form_alamat_pasangan", "Alamat calon pasangan"),
            _isian("form_tempat_kawin", "Tempat pelaksanaan perkawinan"),
            _isian("form_tanggal_kawin", "Rencana tanggal perkawinan", "tanggal", False),
        ],
        "syarat": SYARAT_DASAR + "\nPas foto 3×4\nFotokopi KTP-el calon pasangan",
        "masa_berlaku": 3,
        "satuan_masa_berlaku": "bulan",
        "online": False,
        "isi": PEMBUKA
        + IDENTITAS
        + _p(
            "Orang tersebut di atas adalah benar warga [Sebutan_desa] [Nama_desa] dengan status "
            "perkawinan [Status_kawin], yang akan pergi untuk melangsungkan perkawinan dengan:"
        )
        + _tabel(
            ("Nama Calon Pasangan", "<strong>[FOrm_nama_pasangan]</strong>"),
            ("Alamat", "[Form_alamat_pasangaN]"),
            ("Tempat Perkawinan", "[Form_tempat_kawiN]"),
            ("Rencana Tanggal", "[Form_tanggal_kawin]"),
        )
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "keterangan-beda-identitas",
        "nama": "Keterangan Beda Identitas",
        "judul": "SURAT KETERANGAN BEDA IDENTITAS",
        "kode_surat": "471.1",
        "isian": [
            _isian("form_dokumen", "Nama dokumen yang berbeda", bantuan="Mis. ijazah SD."),
            _isian("form_nomor_dokumen", "Nomor dokumen", wajib=False),
            _isian("form_data_dokumen", "Data yang tertulis pada dokumen", "teks_panjang"),
            KEPERLUAN,
        ],
        "syarat": SYARAT_DASAR + "\nDokumen yang datanya berbeda (asli dan fotokopi)",
        "masa_berlaku": 0,
        "online": False,
        "isi": PEMBUKA
        + IDENTITAS_KK
        + _p(
            "Data tersebut di atas sesuai dengan KTP-el dan Kartu Keluarga yang bersangkutan. "
            "Pada dokumen [Form_dokumeN] nomor [Form_nomor_dokumeN] tertulis data sebagai "
            "berikut: [Form_data_dokumeN]."
        )
        + _p(
            "Kami menerangkan bahwa kedua data tersebut adalah identitas dari satu orang yang "
            "sama, yaitu <strong>[NAma]</strong>."
        )
        + _p("Surat keterangan ini diberikan untuk keperluan: <strong>[Form_keperluaN]</strong>.")
        + PENUTUP,
    },
    {
        "slug": "keterangan-kelahiran",
        "nama": "Keterangan Kelahiran",
        "judul": "SURAT KETERANGAN KELAHIRAN",
        "kode_surat": "472.11",
        "isian": [
            _isian("form_nama_pelapor", "Nama pelapor", wajib=False),
            _isian("form_hubungan_pelapor", "Hubungan pelapor dengan bayi", wajib=False),
        ],
        "syarat": "Surat keterangan lahir dari bidan/dokter/rumah sakit\nFotokopi Kartu Keluarga\n"
        "Fotokopi KTP-el ayah dan ibu\nFotokopi buku nikah/akta perkawinan orang tua",
        "masa_berlaku": 0,
        "online": False,
        "isi": _p(
            "Yang bertanda tangan di bawah ini [Jabatan] [Nama_desa], [Sebutan_kecamatan] "
            "[Nama_kecamatan], [Sebutan_kabupaten] [Nama_kabupaten], menerangkan bahwa pada:"
        )
        + _tabel(
            ("Hari", "[Hari_lahir]"),
            ("Tanggal", "[Tanggal_lahir]"),
            ("Pukul", "[waktu_lahir]"),
            ("Tempat Dilahirkan", "[TEmpat_dilahirkan]"),
            ("Di", "[Tempat_lahir]"),
        )
        + _p("telah lahir seorang anak:")
        + _tabel(
            ("Nama", "<strong>[NAma]</strong>"),
            ("NIK", "[nik]"),
            ("Jenis Kelamin", "[Jenis_kelamin]"),
            ("Jenis Kelahiran", "[Jenis_kelahiran]"),
            ("Kelahiran Anak Ke-", "[kelahiran_anak_ke]"),
            ("Berat/Panjang Lahir", "[berat_lahir] / [panjang_lahir]"),
            ("Penolong Kelahiran", "[Penolong_kelahiran]"),
        )
        + _p(
            "dari seorang ibu bernama <strong>[NAma_ibu]</strong> (NIK [nik_ibu]) dan ayah bernama <strong>[NAma_ayah]</strong> (NIK [nik_ayah]), beralamat di [AlamaT]."
        )
        + _p(
            "Surat keterangan ini dibuat berdasarkan laporan [Form_nama_pelapoR] ([Form_hubungan_pelapoR])."
        )
        + PENUTUP,
    },
    {
        "slug": "keterangan-kematian",
        "nama": "Keterangan Kematian",
        "judul": "SURAT KETERANGAN KEMATIAN",
        "kode_surat": "472.12",
        "syarat_penduduk": "mati",
        "isian": [
            _isian("form_nama_pelapor", "Nama pelapor"),
            _isian("form_hubungan_pelapor", "Hubungan pelapor dengan almarhum/almarhumah"),
        ],
        "syarat": "KTP-el dan Kartu Keluarga almarhum/almarhumah\nSurat keterangan kematian dari "
        "dokter/rumah sakit (bila ada)\nFotokopi KTP-el pelapor",
        "masa_berlaku": 0,
        "online": False,
        "isi": PEMBUKA
        + _tabel(
            ("Nama", "<strong>[NAma]</strong>"),
            ("NIK", "[nik]"),
            ("Jenis Kelamin", "[Jenis_kelamin]"),
            ("Tempat/Tanggal Lahir", "[Tempat_tgl_lahir]"),
            ("Agama", "[Agama]"),
            ("Alamat", "[AlamaT]"),
        )
        + _p("telah meninggal dunia pada:")
        + _tabel(
            ("Hari/Tanggal", "[Hari_kematian], [Tanggal_kematian]"),
            ("Pukul", "[jam_kematian]"),
            ("Bertempat di", "[Tempat_kematiaN]"),
            ("Penyebab Kematian", "[Sebab_kematian]"),
            ("Umur", "[umur_kematian]"),
        )
        + _p(
            "Surat keterangan ini dibuat berdasarkan laporan [Form_nama_pelapoR] selaku "
            "[Form_hubungan_pelapoR] almarhum/almarhumah."
        )
        + PENUTUP,
    },
    {
        "slug": "keterangan-pindah-penduduk",
        "nama": "Keterangan Pindah Penduduk",
        "judul": "SURAT KETERANGAN PINDAH",
        "kode_surat": "471.2",
        "isian": [
            _isian("form_alamat_tujuan", "Alamat tujuan (jalan, RT/RW)"),
            _isian("form_desa_tujuan", "Desa/kelurahan tujuan"),
            _isian("form_kecamatan_tujuan", "Kecamatan tujuan"),
            _isian("form_kabupaten_tujuan", "Kabupaten/kota tujuan"),
            _isian("form_provinsi_tujuan", "Provinsi tujuan"),
            _isian(
                "form_alasan_pindah",
                "Alasan pindah",
                "pilihan",
                pilihan=[
                    "Pekerjaan",
                    "Pendidikan",
                    "Keamanan",
                    "Kesehatan",
                    "Perumahan",
                    "Keluarga",
                    "Lainnya",
                ],
            ),
            _isian("form_tanggal_pindah", "Rencana tanggal pindah", "tanggal"),
            _isian("form_pengikut", "Anggota keluarga yang ikut pindah", "teks_panjang", False),
        ],
        "syarat": "KTP-el dan Kartu Keluarga asli\nSurat pengantar RT/RW",
        "masa_berlaku": 1,
        "satuan_masa_berlaku": "bulan",
        "online": False,
        "isi": PEMBUKA
        + IDENTITAS_KK
        + _p(
            "Orang tersebut di atas adalah benar penduduk [Sebutan_desa] [Nama_desa] yang akan pindah dengan keterangan sebagai berikut:"
        )
        + _tabel(
            ("Alamat Tujuan", "[Form_alamat_tujuaN]"),
            ("Desa/Kelurahan", "[Form_desa_tujuaN]"),
            ("Kecamatan", "[Form_kecamatan_tujuaN]"),
            ("Kabupaten/Kota", "[Form_kabupaten_tujuaN]"),
            ("Provinsi", "[Form_provinsi_tujuaN]"),
            ("Alasan Pindah", "[Form_alasan_pindaH]"),
            ("Tanggal Pindah", "[Form_tanggal_pindah]"),
            ("Pengikut", "[Form_pengikuT]"),
        )
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "keterangan-penghasilan-orang-tua",
        "nama": "Keterangan Penghasilan Orang Tua",
        "judul": "SURAT KETERANGAN PENGHASILAN ORANG TUA",
        "kode_surat": "470",
        "isian": [
            _isian("form_nama_anak", "Nama anak"),
            _isian("form_sekolah", "Sekolah/perguruan tinggi anak"),
            _isian("form_penghasilan", "Penghasilan rata-rata per bulan", "uang"),
            KEPERLUAN,
        ],
        "syarat": SYARAT_DASAR + "\nKartu pelajar/mahasiswa anak",
        "masa_berlaku": 3,
        "satuan_masa_berlaku": "bulan",
        "online": True,
        "isi": PEMBUKA
        + IDENTITAS_KK
        + _p(
            "Orang tersebut di atas adalah benar warga [Sebutan_desa] [Nama_desa] dan orang tua "
            "dari <strong>[FOrm_nama_anak]</strong> yang sedang menempuh pendidikan di "
            "[Form_sekolaH]."
        )
        + _p(
            "Berdasarkan keterangan yang bersangkutan, penghasilan rata-rata orang tersebut "
            "adalah sebesar <strong>[Form_penghasilaN]</strong> <em>([terbilang])</em> per "
            "bulan."
        )
        + _p("Surat keterangan ini diberikan untuk keperluan: <strong>[Form_keperluaN]</strong>.")
        + BERLAKU
        + PENUTUP,
    },
    {
        "slug": "surat-kuasa",
        "nama": "Surat Kuasa",
        "judul": "SURAT KUASA",
        "kode_surat": "470",
        "isian": [
            _isian("form_nama_penerima", "Nama penerima kuasa"),
            _isian("form_nik_penerima", "NIK penerima kuasa"),
            _isian("form_alamat_penerima", "Alamat penerima kuasa"),
            _isian("form_hubungan_penerima", "Hubungan dengan pemberi kuasa", wajib=False),
            _isian("form_keperluan", "Untuk keperluan (isi kuasa)", "teks_panjang"),
        ],
        "syarat": "Fotokopi KTP-el pemberi dan penerima kuasa\nFotokopi Kartu Keluarga",
        "masa_berlaku": 0,
        "online": False,
        "isi": _p("Yang bertanda tangan di bawah ini:")
        + _tabel(
            ("Nama", "<strong>[NAma]</strong>"),
            ("NIK", "[nik]"),
            ("Tempat/Tanggal Lahir", "[Tempat_tgl_lahir]"),
            ("Pekerjaan", "[Pekerjaan]"),
            ("Alamat", "[AlamaT]"),
        )
        + _p(
            "selanjutnya disebut <strong>Pemberi Kuasa</strong>, dengan ini memberikan kuasa kepada:"
        )
        + _tabel(
            ("Nama", "<strong>[FOrm_nama_penerima]</strong>"),
            ("NIK", "[form_nik_penerima]"),
            ("Alamat", "[Form_alamat_penerimA]"),
            ("Hubungan", "[Form_hubungan_penerimA]"),
        )
        + _p("selanjutnya disebut <strong>Penerima Kuasa</strong>, untuk: [Form_keperluaN].")
        + _p(
            "Demikian surat kuasa ini dibuat dengan sebenarnya untuk dapat dipergunakan "
            "sebagaimana mestinya. Pemberi kuasa bertanggung jawab atas segala akibat dari "
            "pemberian kuasa ini."
        )
        + '<table style="width: 100%"><tbody><tr><td style="width: 50%; text-align: center">'
        "Penerima Kuasa,<br><br><br><br><strong>[FOrm_nama_penerima]</strong></td>"
        '<td style="width: 50%; text-align: center">Pemberi Kuasa,<br><br><br><br>'
        "<strong>[NAma]</strong></td></tr></tbody></table>" + _p("Mengetahui:"),
    },
]


def pasang_jenis_bawaan(model) -> int:
    """Add the built-in types missing from the table (by slug); returns how many were added.

    `model` is the JenisSurat class (the historical one in migrations). A village's edits are
    never overwritten; the original text goes to `isi_asli` for "Pulihkan teks asli"."""
    from sid.lib.html import bersihkan_html

    ada = set(model.objects.values_list("slug", flat=True))
    baru = 0
    for urutan, data in enumerate(JENIS_BAWAAN, start=1):
        if data["slug"] in ada:
            continue
        data = dict(data)
        isi = bersihkan_html(data.pop("isi"))
        model.objects.create(**data, isi=isi, isi_asli=isi, bawaan=True, urutan=urutan * 10)
        baru += 1
    return baru
