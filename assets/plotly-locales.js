/* The map's own controls (plotly's mode bar) in Japanese and Vietnamese. The page sets the
   graph's `locale` from the visitor's language; plotly.js registers these dictionaries when it
   loads (window.PlotlyLocales), so no locale file is fetched from a CDN. Only the strings of
   the controls our maps show are listed; anything else falls back to English. */
(function () {
  var months = function (prefix) {
    var names = [];
    for (var month = 1; month <= 12; month += 1) {
      names.push(prefix(month));
    }
    return names;
  };
  var locales = [
    {
      moduleType: "locale",
      name: "ja",
      dictionary: {
        "Zoom in": "拡大",
        "Zoom out": "縮小",
        "Reset view": "表示をリセット",
        "Reset views": "表示をリセット",
        "Download plot": "画像をダウンロード",
        "Download plot as a png": "PNG画像をダウンロード",
        "Download plot as a PNG": "PNG画像をダウンロード",
        "Preparing image - this may take a few seconds": "画像を作成中です。数秒かかることがあります",
        "Image download succeeded": "画像を保存しました",
        "Sorry, there was a problem downloading your image!": "画像の保存に失敗しました。",
        "Pan": "移動",
        "Zoom": "ズーム",
        "Autoscale": "自動調整",
        "Reset axes": "軸をリセット",
        "Snapshot succeeded": "画像を保存しました",
        "Taking snapshot - this may take a few seconds": "画像を作成中です。数秒かかることがあります",
        "Sorry, there was a problem downloading your snapshot!": "画像の保存に失敗しました。",
        "Produced with Plotly.js": "Plotly.js で作成"
      },
      format: {
        days: ["日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"],
        shortDays: ["日", "月", "火", "水", "木", "金", "土"],
        months: months(function (m) { return m + "月"; }),
        shortMonths: months(function (m) { return m + "月"; }),
        date: "%Y/%m/%d",
        decimal: ".",
        thousands: ","
      }
    },
    {
      moduleType: "locale",
      name: "vi",
      dictionary: {
        "Zoom in": "Phóng to",
        "Zoom out": "Thu nhỏ",
        "Reset view": "Đặt lại khung nhìn",
        "Reset views": "Đặt lại khung nhìn",
        "Download plot": "Tải ảnh xuống",
        "Download plot as a png": "Tải ảnh PNG xuống",
        "Download plot as a PNG": "Tải ảnh PNG xuống",
        "Preparing image - this may take a few seconds": "Đang tạo ảnh, có thể mất vài giây",
        "Image download succeeded": "Đã lưu ảnh",
        "Sorry, there was a problem downloading your image!": "Không lưu được ảnh.",
        "Pan": "Di chuyển",
        "Zoom": "Thu phóng",
        "Autoscale": "Tự động co giãn",
        "Reset axes": "Đặt lại trục",
        "Snapshot succeeded": "Đã lưu ảnh",
        "Taking snapshot - this may take a few seconds": "Đang tạo ảnh, có thể mất vài giây",
        "Sorry, there was a problem downloading your snapshot!": "Không lưu được ảnh.",
        "Produced with Plotly.js": "Tạo bằng Plotly.js"
      },
      format: {
        days: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
        shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        months: months(function (m) { return "Tháng " + m; }),
        shortMonths: months(function (m) { return "Th" + m; }),
        date: "%d/%m/%Y",
        decimal: ",",
        thousands: "."
      }
    }
  ];
  if (window.Plotly && window.Plotly.register) {
    window.Plotly.register(locales);
  } else {
    window.PlotlyLocales = (window.PlotlyLocales || []).concat(locales);
  }
})();
