"""Word lists for the demo village: names, places, addresses. Plain data, no logic."""

from __future__ import annotations


def _kata(teks: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(teks.split()))


def _frasa(teks: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in teks.split(",") if s.strip())


# --- Sundanese / Javanese / general Muslim names ------------------------------------------
# Older generations (born before ~1985).
LAKI_LAMA = _kata(
    """Asep Ujang Dede Cecep Agus Budi Dadang Deden Iwan Jajang Yayan Endang Entis Ade Aep
    Engkus Usep Oman Maman Odih Udin Rahmat Ahmad Abdul Mamat Nana Wawan Yadi Yusuf Dodi Hendra
    Heri Iyus Jaja Ujang Slamet Sugeng Joko Bambang Sutrisno Supriyadi Tono Wahyu Eko Teguh
    Suparman Sukarna Karna Darsa Enjang Engkos Tatang Didi Dudung Edi Encep Acep Aceng Oding
    Uus Wahyudin Wahid Mulyadi Sarmidi Tarya Kosim Saepul Tedi Yanto Rudi Dedi Anwar Hasan
    Husen Ismail Jamal Kurnia Lukman Mahmud Nurdin Rohim Sahrul Toto Unang Wasim Yaya Zaenal
    Kusnadi Suryadi Ujang Haris Marno Parman Darto Karta"""
)
PEREMPUAN_LAMA = _kata(
    """Siti Euis Neneng Nining Enok Imas Iis Lilis Yati Yeti Tuti Nani Entin Eti Ai Aah Dedeh
    Popon Oom Ika Rina Sri Wati Yanti Sumarni Suminah Lastri Sulastri Kartini Ratna Rini Dian
    Fitri Nurul Ayu Titin Tati Cicih Enah Ela Elis Engkom Erna Ijah Ipah Juju Kokom Lia Mimin
    Nenden Nia Nunung Onah Pipih Rohati Santi Sukaesih Tini Ucu Umi Wiwin Yuyun Yayah Yoyoh
    Eneng Hani Heni Ineu Iin Juariah Maryam Aminah Halimah Fatimah Khadijah Rukmini Sumiyati
    Painem Tukinem Suparni Warsini Partini Ngatini Jumiati Sunarsih Murni Darsih Sarah Romlah"""
)
# Younger generations (born from ~1985).
LAKI_BARU = _kata(
    """Muhammad Rizky Fajar Ilham Arif Dimas Rafi Farhan Raka Alif Akbar Fikri Reza Daffa Naufal
    Zidan Arkan Rangga Gilang Galih Andika Aditya Aldi Firman Hafiz Ikhsan Rizal Yoga Bagas
    Bima Dafa Fadli Faris Hanif Ihsan Irfan Kevin Luthfi Malik Nabil Raihan Randi Rehan Ridwan
    Rifki Salman Satria Taufik Yudha Zaki Azka Abdullah Fathan Gibran Haikal Rasya Alvaro
    Athar Kenzie Arsyad Dzaki Ghazi Fauzan Hilman Jihad Sultan Umar Usman Alfian Ardi Bayu"""
)
PEREMPUAN_BARU = _kata(
    """Aisyah Nabila Zahra Salsabila Putri Nayla Alya Syifa Keysha Khansa Kirana Anisa Aulia
    Intan Rahma Amelia Citra Dinda Dewi Fitria Hana Indah Jihan Kayla Lestari Mawar Nadia Naura
    Rara Rizka Sabrina Shafa Tiara Vina Wulan Yasmin Zaskia Adinda Annisa Bunga Cahya Delia
    Elsa Fara Gita Hilda Ira Kania Laras Maya Mutiara Nisa Novi Puspa Qonita Rani Selvi Sinta
    Talitha Ulfa Vania Widya Yuni Zalfa Arumi Azizah Hasna Humaira Khaira Mikayla Nazwa Raisa"""
)
LAKI_BELAKANG = _kata(
    """Hidayat Saepudin Supriatna Kurniawan Setiawan Gunawan Hermawan Ramdani Rohman Sopian
    Sutisna Suherman Mulyana Permana Nugraha Firmansyah Maulana Ramadhan Hakim Saputra Pratama
    Wijaya Santoso Prasetyo Susanto Hidayatullah Fauzi Nurdin Sobari Rusmana Kusnadi Sumarna
    Hendrawan Wibowo Purnomo Syahputra Iskandar Kusuma Mulyadi Rahmansyah Sudrajat Sutarman
    Suryana Wiguna Yusuf Abdillah Alfarizi Akbar Fadillah Habibi Kurnia Lesmana Mubarok Nurjaman
    Rahayu Ruhiyat Sadikin Sanusi Solihin Sunandar Supardi Syahrul Taufiq Wahyudi Zulkarnaen"""
)
PEREMPUAN_BELAKANG = _kata(
    """Nurhasanah Komariah Rohaeti Rahmawati Kurniasih Lestari Handayani Wulandari Maryani
    Sumiati Suryani Fitriani Nurjanah Aminah Sholihah Septiani Ramadhani Anggraeni Permatasari
    Puspitasari Oktaviani Safitri Pratiwi Rosita Herawati Maesaroh Mulyani Yuliani Susanti
    Agustina Hasanah Fauziah Nurlaela Apriani Azzahra Febriani Hidayati Khoirunnisa Kusmiati
    Marlina Nuraeni Rahayu Rusmiati Saadah Sulastri Wahyuni Widaningsih Yulianti Zulaikha"""
)

# --- Other groups -------------------------------------------------------------------------
KRISTEN_LAKI = _kata(
    """Yohanes Petrus Paulus Markus Yosef Stefanus Fransiskus Agustinus Antonius Thomas Daniel
    Samuel Yosua Imanuel Kristian Gabriel Andreas Bernardus Robert Johan David Michael Timotius
    Yakobus Matius Benediktus Dominikus Ignatius Leonardus Vincentius"""
)
KRISTEN_PEREMPUAN = _kata(
    """Maria Magdalena Theresia Elisabeth Agnes Veronika Yohana Debora Ester Ruth Lidia
    Christina Natalia Monika Angelina Margaretha Florentina Yuliana Rosalina Stefani Kristina
    Priskila Sarah Grace Imelda Cecilia Katarina Martha"""
)
MARGA_BATAK = _kata(
    """Simanjuntak Siregar Nainggolan Hutapea Sitompul Situmorang Sinaga Pardede Manurung
    Tambunan Simatupang Panjaitan Hutagalung Silalahi Pasaribu Sihombing Lumbantobing Napitupulu"""
)
MARGA_TIMUR = _kata("Wowor Lumenta Rumondor Mandagi Pattinama Da-Costa Fernandez Seran Bria Lake")
BALI_LAKI_AWAL = _frasa("I Made, I Wayan, I Nyoman, I Ketut, I Putu, I Gede, I Komang, I Kadek")
BALI_PEREMPUAN_AWAL = _frasa(
    "Ni Made, Ni Wayan, Ni Nyoman, Ni Ketut, Ni Putu, Ni Luh, Ni Komang, Ni Kadek"
)
BALI_LAKI = _kata(
    "Sudarsana Suartika Arya Dharma Wirawan Suardana Budiasa Astawa Sukarta Adnyana Mahendra"
)
BALI_PEREMPUAN = _kata(
    "Suartini Sukerti Ariani Puspawati Sudiani Mertayani Sriasih Widiastuti Kartika Dewi"
)
TIONGHOA_LAKI = _kata(
    "Hendra Ricky Kevin Steven Hartono Johan William Jimmy Andy Edi Felix Hendrik Rudy Tommy"
)
TIONGHOA_PEREMPUAN = _kata(
    "Lanny Linda Meiliana Susan Jessica Cindy Vivian Stella Yenny Lily Melinda Sherly Fenny"
)
MARGA_TIONGHOA = _kata(
    """Wijaya Gunawan Halim Kusuma Tanoto Salim Setiadi Hartanto Lim Tan Liem Gozali Santoso
    Sugiarto Tjandra Widjaja Susilo Hadinata"""
)

DUSUN = _kata(
    """KRAJAN SUKAMAJU CIBODAS MEKARSARI SUKAJADI CIKARET BABAKAN SUKARESMI CIPANAS MEKARJAYA
    SINDANGSARI PASIRJAYA CIJERUK SUKAMULYA TEGALLEGA CIMANGGU GIRIMULYA LEUWILIANG SUKASARI
    KARANGANYAR CILEBUT NANGGERANG PARUNGJAYA SITUGEDE"""
)
JALAN = _frasa(
    """Jl. Raya Sukamaju, Jl. Mawar, Jl. Melati, Jl. Kenanga, Jl. Flamboyan, Jl. Masjid,
    Jl. Pesantren, Jl. Pasar, Jl. Sawah, Jl. Kebon Kopi, Jl. Cempaka, Jl. Anggrek,
    Gg. Haji Ali, Gg. Mesjid, Gg. Buntu, Gg. Sukarela, Gg. Delima, Gg. Nangka"""
)

# --- Places --------------------------------------------------------------------------------
TEMPAT_LAHIR_LOKAL = (
    ("BOGOR", 40),
    ("CIBINONG", 16),
    ("CITEUREUP", 5),
    ("CILEUNGSI", 3),
    ("BOJONGGEDE", 3),
    ("SUKABUMI", 3),
    ("CIANJUR", 3),
    ("DEPOK", 2),
    ("JAKARTA", 4),
    ("BEKASI", 2),
    ("BANDUNG", 2),
    ("GARUT", 2),
    ("TASIKMALAYA", 2),
    ("KUNINGAN", 1),
    ("CIREBON", 1),
    ("BREBES", 1),
    ("TEGAL", 1),
    ("KEBUMEN", 1),
    ("WONOGIRI", 1),
    ("SEMARANG", 1),
    ("SERANG", 1),
    ("LAMPUNG", 1),
    ("PADANG", 1),
)
TEMPAT_LAHIR_BUDAYA = {
    "batak": ("MEDAN", "TARUTUNG", "SIBOLGA", "PEMATANGSIANTAR", "BALIGE"),
    "timur": ("MANADO", "ENDE", "MAUMERE", "KUPANG", "AMBON"),
    "bali": ("DENPASAR", "TABANAN", "GIANYAR", "BULELENG", "KLUNGKUNG"),
    "tionghoa": ("JAKARTA", "BOGOR", "SEMARANG", "PONTIANAK", "MEDAN"),
    "jawa": ("SEMARANG", "SOLO", "YOGYAKARTA", "KEBUMEN", "WONOGIRI", "KLATEN", "PURWOREJO"),
}
SUKU = {
    "sunda": "Sunda",
    "jawa": "Jawa",
    "betawi": "Betawi",
    "batak": "Batak",
    "timur": "Flores",
    "bali": "Bali",
    "tionghoa": "Tionghoa",
}
# (kecamatan / desa, kabupaten/kota, provinsi) for arrivals and departures, by distance.
DESA_TETANGGA = _frasa(
    "Pakansari, Cirimekar, Nanggewer, Karadenan, Pabuaran, Sukahati, Cibinong, Tengah, Harapan Jaya"
)
KECAMATAN_TETANGGA = _frasa(
    """Citeureup, Cileungsi, Gunung Putri, Bojonggede, Sukaraja, Babakan Madang, Ciawi,
    Cigombong, Kemang, Parung, Ciseeng, Tajurhalang, Jonggol, Leuwiliang"""
)
KOTA_JABAR = _frasa(
    """Kota Bogor, Kota Depok, Kab. Bekasi, Kota Bekasi, Kab. Sukabumi, Kab. Cianjur,
    Kota Bandung, Kab. Karawang, Kab. Garut, Kab. Tasikmalaya, Kab. Purwakarta"""
)
KOTA_LUAR = (
    ("Jakarta Timur", "DKI Jakarta"),
    ("Jakarta Selatan", "DKI Jakarta"),
    ("Jakarta Barat", "DKI Jakarta"),
    ("Kota Tangerang", "Banten"),
    ("Kota Tangerang Selatan", "Banten"),
    ("Kab. Serang", "Banten"),
    ("Kota Semarang", "Jawa Tengah"),
    ("Kab. Brebes", "Jawa Tengah"),
    ("Kab. Kebumen", "Jawa Tengah"),
    ("Kota Surabaya", "Jawa Timur"),
    ("Kota Batam", "Kepulauan Riau"),
    ("Kota Balikpapan", "Kalimantan Timur"),
    ("Kota Medan", "Sumatera Utara"),
    ("Kab. Lampung Selatan", "Lampung"),
    ("Kota Palembang", "Sumatera Selatan"),
    ("Kota Denpasar", "Bali"),
)
# (country, passport prefix, male first names, female first names, family names)
NEGARA = (
    (
        "MALAYSIA",
        "A",
        ("Ahmad", "Faizal", "Hafiz"),
        ("Nurul", "Aisyah", "Farah"),
        ("Ismail", "Hassan", "Abdullah"),
    ),
    (
        "JEPANG",
        "TR",
        ("Kenji", "Takeshi", "Hiroshi"),
        ("Yuki", "Aiko", "Naomi"),
        ("Tanaka", "Sato", "Suzuki"),
    ),
    (
        "KOREA SELATAN",
        "M",
        ("Min-jun", "Ji-hoon", "Seung"),
        ("Ji-yeon", "Soo-ah", "Hana"),
        ("Kim", "Park", "Lee"),
    ),
    ("TIONGKOK", "E", ("Wei", "Jun", "Hao"), ("Mei", "Lin", "Xiu"), ("Wang", "Zhang", "Chen")),
    (
        "AUSTRALIA",
        "PA",
        ("James", "Thomas", "Daniel"),
        ("Emily", "Sarah", "Olivia"),
        ("Smith", "Brown", "Wilson"),
    ),
    (
        "BELANDA",
        "NX",
        ("Jan", "Pieter", "Willem"),
        ("Anna", "Sanne", "Eva"),
        ("de Vries", "Jansen", "Bakker"),
    ),
    (
        "INDIA",
        "K",
        ("Rahul", "Amit", "Vikram"),
        ("Priya", "Anjali", "Sunita"),
        ("Sharma", "Patel", "Singh"),
    ),
    (
        "FILIPINA",
        "P",
        ("Jose", "Mark", "Paolo"),
        ("Maria", "Angelica", "Joy"),
        ("Santos", "Reyes", "Cruz"),
    ),
)
TEMPAT_KEMATIAN = (
    ("RUMAH", 55),
    ("RSUD CIBINONG", 20),
    ("RS PMI BOGOR", 6),
    ("PUSKESMAS CIBINONG", 6),
    ("RS SENTRA MEDIKA", 5),
    ("JALAN RAYA", 3),
    ("LAINNYA", 5),
)
TEMPAT_CETAK_KTP = (("DISDUKCAPIL KAB. BOGOR", 70), ("KECAMATAN CIBINONG", 30))
