"""Invented report texts in several languages, shared by the language tests."""

from __future__ import annotations

ENGLISH = (
    "Police freed 43 workers from a building near the border on Tuesday. The workers said they had been"
    " forced to defraud people online for months, and officials said they would fly home next week."
)
THAI = (
    "ตำรวจช่วยเหลือคนงานสี่สิบสามคนจากอาคารแห่งหนึ่งใกล้ชายแดนเมื่อวันอังคาร"
    " เจ้าหน้าที่กล่าวว่าพวกเขาถูกบังคับให้ทำงานหลอกลวงทางออนไลน์เป็นเวลาหลายเดือน"
    " ผู้ที่ได้รับการช่วยเหลือจะถูกส่งกลับบ้านในสัปดาห์หน้า"
)
INDONESIAN = (
    "Polisi membebaskan empat puluh tiga pekerja dari sebuah gedung di dekat perbatasan pada hari Selasa."
    " Para pekerja itu mengatakan mereka dipaksa menipu orang melalui internet selama berbulan-bulan."
    " Pemerintah akan memulangkan mereka minggu depan."
)
CHINESE = (
    "警方周二在边境附近的一栋大楼里解救了四十三名工人。"
    "官员说，他们被迫在网上从事诈骗活动长达数月。获救人员将于下周被送回家乡。"
)
SPANISH = (
    "La policía liberó el martes a cuarenta y tres trabajadores de un edificio cerca de la frontera."
    " Los trabajadores dijeron que fueron obligados a estafar a personas por internet durante meses."
    " El gobierno los repatriará la próxima semana."
)
OTHERS = {"th": THAI, "id": INDONESIAN, "zh": CHINESE, "es": SPANISH}
"""Texts the extractor does not read, by the language code the detector should give."""
