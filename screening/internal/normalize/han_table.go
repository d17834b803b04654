package normalize

// The dictionaries of the Chinese, Japanese and Korean runs (han.go,
// hangul.go). Each word is written in simplified characters (traditional
// ones fold to these, see traditionalPairs) and read as one Latin word,
// which the later stages classify like any other: pinyin organization
// words are generic (genericTable has "keji", "jishu", ...), legal-form
// words make legal forms (legalFormTable's 有限公司 reads "youxian
// gongsi"), places are qualifiers. Words that are neither are here so that
// they do not run into a brand: 海康威视数字技术 is 海康威视 | 数字 | 技术.
//
// Source: public knowledge of the words of Chinese, Japanese and Korean
// company names, their standard pinyin, Hepburn and Revised romanizations,
// and the usual English names of places.

// chineseWords are Chinese words and their pinyin (or, for places, the
// usual English name, in one word).
var chineseWords = [][2]string{
	// Legal-form words: 有限公司, 股份有限公司, 有限责任公司, 股份公司.
	{"有限", "youxian"}, {"公司", "gongsi"}, {"股份", "gufen"}, {"责任", "zeren"},
	{"总公司", "zonggongsi"}, {"分公司", "fengongsi"}, {"合伙", "hehuo"},
	// Organization words (generic in genericTable).
	{"集团", "jituan"}, {"控股", "konggu"}, {"科技", "keji"}, {"高科技", "gaokeji"}, {"技术", "jishu"},
	{"电子", "dianzi"}, {"信息", "xinxi"}, {"通信", "tongxin"}, {"通讯", "tongxun"}, {"贸易", "maoyi"},
	{"商贸", "shangmao"}, {"进出口", "jinchukou"}, {"国际", "guoji"}, {"实业", "shiye"}, {"工业", "gongye"},
	{"产业", "chanye"}, {"发展", "fazhan"}, {"开发", "kaifa"}, {"投资", "touzi"}, {"服务", "fuwu"},
	{"物流", "wuliu"}, {"航运", "hangyun"}, {"海运", "haiyun"}, {"船务", "chuanwu"}, {"制造", "zhizao"},
	{"设备", "shebei"}, {"系统", "xitong"}, {"工程", "gongcheng"}, {"研究所", "yanjiusuo"},
	{"研究院", "yanjiuyuan"}, {"研究", "yanjiu"}, {"大学", "daxue"}, {"学院", "xueyuan"}, {"银行", "yinhang"},
	{"工厂", "gongchang"}, {"企业", "qiye"}, {"协会", "xiehui"}, {"咨询", "zixun"}, {"管理", "guanli"},
	{"产品", "chanpin"}, {"商务", "shangwu"}, {"代理", "daili"}, {"国家", "guojia"}, {"实验室", "shiyanshi"},
	// Other words of company names, read as they are.
	{"中心", "zhongxin"}, {"数字", "shuzi"}, {"网络", "wangluo"}, {"软件", "ruanjian"}, {"数据", "shuju"},
	{"智能", "zhineng"}, {"能源", "nengyuan"}, {"材料", "cailiao"}, {"化工", "huagong"}, {"机械", "jixie"},
	{"电气", "dianqi"}, {"电器", "dianqi"}, {"光电", "guangdian"}, {"半导体", "bandaoti"},
	{"集成", "jicheng"}, {"电路", "dianlu"}, {"微电子", "weidianzi"}, {"电力", "dianli"}, {"航空", "hangkong"},
	{"航天", "hangtian"}, {"船舶", "chuanbo"}, {"汽车", "qiche"}, {"医药", "yiyao"}, {"生物", "shengwu"},
	{"环保", "huanbao"}, {"建设", "jianshe"}, {"建筑", "jianzhu"}, {"安全", "anquan"}, {"仪器", "yiqi"},
	{"仪表", "yibiao"}, {"自动化", "zidonghua"}, {"精密", "jingmi"}, {"光学", "guangxue"}, {"激光", "jiguang"},
	{"雷达", "leida"}, {"导航", "daohang"}, {"卫星", "weixing"}, {"重工", "zhonggong"}, {"兵器", "bingqi"},
	{"矿业", "kuangye"}, {"钢铁", "gangtie"}, {"石油", "shiyou"}, {"石化", "shihua"}, {"化学", "huaxue"},
	{"纺织", "fangzhi"}, {"食品", "shipin"}, {"电信", "dianxin"}, {"移动", "yidong"}, {"传媒", "chuanmei"},
	{"文化", "wenhua"}, {"教育", "jiaoyu"}, {"金融", "jinrong"}, {"证券", "zhengquan"}, {"保险", "baoxian"},
	{"资本", "ziben"}, {"资产", "zichan"}, {"设计", "sheji"}, {"科学", "kexue"}, {"科学院", "kexueyuan"},
	{"理工", "ligong"}, {"国防", "guofang"}, {"人民", "renmin"}, {"共和国", "gongheguo"}, {"物资", "wuzi"},
	{"供应链", "gongyinglian"}, {"办事处", "banshichu"}, {"事务所", "shiwusuo"}, {"商行", "shanghang"},
	{"熊猫", "xiongmao"}, {"计算", "jisuan"}, {"物理", "wuli"}, {"铁路", "tielu"}, {"海洋", "haiyang"},
	{"天然气", "tianranqi"}, {"发动机", "fadongji"}, {"高性能", "gaoxingneng"}, {"装备", "zhuangbei"},
}

// chinesePlaces are places in Chinese, by their usual English names (in
// one word); 市 (city) and 省 (province) after one of them are qualifiers
// too ("深圳市" is "shenzhen shi", see placeSuffixes).
var chinesePlaces = [][2]string{
	{"中国", "china"}, {"香港", "hongkong"}, {"澳门", "macau"}, {"台湾", "taiwan"}, {"北京", "beijing"},
	{"上海", "shanghai"}, {"天津", "tianjin"}, {"重庆", "chongqing"}, {"深圳", "shenzhen"},
	{"广州", "guangzhou"}, {"杭州", "hangzhou"}, {"南京", "nanjing"}, {"武汉", "wuhan"}, {"成都", "chengdu"},
	{"西安", "xian"}, {"苏州", "suzhou"}, {"东莞", "dongguan"}, {"大连", "dalian"}, {"青岛", "qingdao"},
	{"厦门", "xiamen"}, {"宁波", "ningbo"}, {"珠海", "zhuhai"}, {"佛山", "foshan"}, {"合肥", "hefei"},
	{"长沙", "changsha"}, {"郑州", "zhengzhou"}, {"济南", "jinan"}, {"沈阳", "shenyang"}, {"昆明", "kunming"},
	{"福州", "fuzhou"}, {"南昌", "nanchang"}, {"太原", "taiyuan"}, {"石家庄", "shijiazhuang"},
	{"兰州", "lanzhou"}, {"乌鲁木齐", "urumqi"}, {"长春", "changchun"}, {"南宁", "nanning"},
	{"贵阳", "guiyang"}, {"哈尔滨", "harbin"}, {"无锡", "wuxi"}, {"常州", "changzhou"}, {"温州", "wenzhou"},
	{"绍兴", "shaoxing"}, {"嘉兴", "jiaxing"}, {"泉州", "quanzhou"}, {"烟台", "yantai"}, {"洛阳", "luoyang"},
	{"绵阳", "mianyang"}, {"连云港", "lianyungang"}, {"惠州", "huizhou"}, {"汕头", "shantou"},
	{"广东", "guangdong"}, {"江苏", "jiangsu"}, {"浙江", "zhejiang"}, {"山东", "shandong"}, {"河南", "henan"},
	{"河北", "hebei"}, {"湖南", "hunan"}, {"湖北", "hubei"}, {"四川", "sichuan"}, {"福建", "fujian"},
	{"辽宁", "liaoning"}, {"吉林", "jilin"}, {"黑龙江", "heilongjiang"}, {"陕西", "shaanxi"},
	{"山西", "shanxi"}, {"安徽", "anhui"}, {"江西", "jiangxi"}, {"云南", "yunnan"}, {"贵州", "guizhou"},
	{"广西", "guangxi"}, {"海南", "hainan"}, {"甘肃", "gansu"}, {"青海", "qinghai"}, {"宁夏", "ningxia"},
	{"新疆", "xinjiang"}, {"西藏", "tibet"}, {"内蒙古", "neimenggu"},
	{"日本", "japan"}, {"韩国", "korea"}, {"朝鲜", "korea"}, {"美国", "usa"}, {"英国", "uk"},
	{"德国", "germany"}, {"法国", "france"}, {"俄罗斯", "russia"}, {"伊朗", "iran"}, {"新加坡", "singapore"},
	{"印度", "india"}, {"巴基斯坦", "pakistan"}, {"叙利亚", "syria"}, {"越南", "vietnam"}, {"泰国", "thailand"},
	{"马来西亚", "malaysia"}, {"印度尼西亚", "indonesia"}, {"阿联酋", "uae"}, {"土耳其", "turkey"},
	{"意大利", "italy"}, {"加拿大", "canada"}, {"澳大利亚", "australia"}, {"荷兰", "netherlands"},
	{"瑞士", "switzerland"}, {"以色列", "israel"}, {"乌克兰", "ukraine"}, {"白俄罗斯", "belarus"},
	{"哈萨克斯坦", "kazakhstan"}, {"蒙古", "mongolia"}, {"缅甸", "myanmar"}, {"亚洲", "asia"}, {"欧洲", "europe"},
	{"非洲", "africa"}, {"全球", "global"}, {"东京", "tokyo"}, {"大阪", "osaka"}, {"横滨", "yokohama"},
	{"名古屋", "nagoya"}, {"首尔", "seoul"}, {"平壤", "pyongyang"}, {"釜山", "busan"},
	{"市", "shi"}, {"省", "sheng"},
}

// placeSuffixes are the readings of 市 (city) and 省 (province), which
// follow the name of a place.
var placeSuffixes = []string{"shi", "sheng"}

// chineseEnglish are the English words of Chinese words of chineseWords
// that names translate rather than transcribe (中国移动通信 is "China
// Mobile Communications"): an alternative reading of a name (see
// Variants). The organization words need none: their pinyin is generic.
// Words whose English is common in unrelated names (oil, gas, power,
// construction, energy) are left out: read in English they would meet too
// many names that have nothing to do with the Chinese one.
var chineseEnglish = map[string]string{
	"微电子": "microelectronics", "集成": "integrated", "电路": "circuit", "航空": "aviation", "航天": "aerospace",
	"移动": "mobile", "电信": "telecommunications", "铁路": "railway", "海洋": "offshore", "船舶": "shipbuilding",
	"重工": "heavy", "熊猫": "panda", "计算": "computing", "物理": "physics", "软件": "software",
	"智能": "intelligent", "光电": "optoelectronics", "半导体": "semiconductor", "医药": "pharmaceutical",
	"仪器": "instrument", "精密": "precision", "光学": "optical", "激光": "laser", "雷达": "radar",
	"导航": "navigation", "卫星": "satellite", "兵器": "ordnance", "矿业": "mining", "钢铁": "steel",
	"石化": "petrochemical", "国防": "defense", "发动机": "engine", "自动化": "automation", "仪表": "instruments",
}

// japaneseWords are Japanese words, in the characters Japanese writes them
// (they fold like the Chinese ones), and their Hepburn reading; loanwords
// in katakana read as the English word they are.
var japaneseWords = [][2]string{
	{"株式", "kabushiki"}, {"会社", "kaisha"}, {"自動車", "jidosha"}, {"製作所", "seisakusho"},
	{"グループ", "group"}, {"ホールディングス", "holdings"}, {"ホールディング", "holding"},
	{"インターナショナル", "international"}, {"テクノロジー", "technology"}, {"テクノロジーズ", "technologies"},
	{"エレクトロニクス", "electronics"}, {"システム", "systems"}, {"システムズ", "systems"}, {"サービス", "services"},
	{"コーポレーション", "corporation"}, {"カンパニー", "company"}, {"エンジニアリング", "engineering"},
	{"ソリューション", "solutions"}, {"ソリューションズ", "solutions"}, {"トレーディング", "trading"},
	{"インダストリー", "industry"}, {"インダストリーズ", "industries"}, {"ジャパン", "japan"}, {"ラボ", "lab"},
	{"ラボラトリーズ", "laboratories"}, {"コミュニケーションズ", "communications"}, {"マネジメント", "management"},
	{"インベストメント", "investment"}, {"ロジスティクス", "logistics"}, {"パートナーズ", "partners"},
	{"エンタープライズ", "enterprise"}, {"アジア", "asia"}, {"ヨーロッパ", "europe"}, {"アメリカ", "america"},
	{"チャイナ", "china"}, {"コリア", "korea"},
}

// koreanWords are Korean words and their Revised Romanization; loanwords
// read as the English word they are, places by their usual English names.
var koreanWords = [][2]string{
	// Legal-form words: 주식회사, 유한회사, 유한책임회사.
	{"주식", "jusik"}, {"회사", "hoesa"}, {"유한", "yuhan"}, {"책임", "chaegim"},
	// Organization words (generic in genericTable).
	{"총회사", "chonghoesa"}, {"공사", "gongsa"}, {"지주", "jiju"}, {"전자", "jeonja"}, {"기술", "gisul"},
	{"산업", "saneop"}, {"공업", "gongeop"}, {"중공업", "junggongeop"}, {"무역", "muyeok"}, {"상사", "sangsa"},
	{"물산", "mulsan"}, {"은행", "eunhaeng"}, {"통신", "tongsin"}, {"개발", "gaebal"}, {"투자", "tuja"},
	{"해운", "haeun"}, {"연구소", "yeonguso"}, {"연구원", "yeonguwon"}, {"대학교", "daehakgyo"},
	{"대학", "daehak"}, {"국제", "gukje"},
	// Other words of company names.
	{"건설", "geonseol"}, {"화학", "hwahak"}, {"제약", "jeyak"}, {"자동차", "jadongcha"}, {"전기", "jeongi"},
	{"증권", "jeunggwon"}, {"보험", "boheom"}, {"생명", "saengmyeong"}, {"화재", "hwajae"},
	// Loanwords.
	{"그룹", "group"}, {"홀딩스", "holdings"}, {"에너지", "energy"}, {"시스템", "systems"},
	{"엔지니어링", "engineering"}, {"서비스", "services"}, {"솔루션", "solutions"}, {"코리아", "korea"},
	{"인터내셔널", "international"}, {"테크놀로지", "technology"}, {"테크", "tech"}, {"글로벌", "global"},
	{"컴퍼니", "company"}, {"코퍼레이션", "corporation"},
	// Places.
	{"한국", "korea"}, {"대한민국", "korea"}, {"서울", "seoul"}, {"부산", "busan"}, {"평양", "pyongyang"},
	{"인천", "incheon"}, {"대구", "daegu"}, {"중국", "china"}, {"일본", "japan"}, {"미국", "usa"},
}

// heteronymTable lists the characters that names read in more than one
// way, the usual reading in names first. A brand reads the first; the
// others are alternatives (see Variants).
var heteronymTable = []struct {
	char     string
	readings []string
}{
	{"重", []string{"zhong", "chong"}}, {"长", []string{"chang", "zhang"}}, {"行", []string{"xing", "hang"}},
	{"厦", []string{"xia", "sha"}}, {"乐", []string{"le", "yue"}}, {"藏", []string{"zang", "cang"}},
	{"朝", []string{"chao", "zhao"}}, {"曾", []string{"zeng", "ceng"}}, {"单", []string{"dan", "shan", "chan"}},
	{"都", []string{"du", "dou"}}, {"调", []string{"diao", "tiao"}}, {"传", []string{"chuan", "zhuan"}},
	{"大", []string{"da", "dai"}}, {"解", []string{"jie", "xie"}}, {"查", []string{"cha", "zha"}},
	{"盛", []string{"sheng", "cheng"}}, {"和", []string{"he", "huo"}}, {"参", []string{"can", "shen"}},
	{"省", []string{"sheng", "xing"}}, {"强", []string{"qiang", "jiang"}}, {"种", []string{"zhong", "chong"}},
	{"仔", []string{"zi", "zai"}}, {"奇", []string{"qi", "ji"}}, {"贾", []string{"jia", "gu"}},
	{"莞", []string{"guan", "wan"}}, {"番", []string{"fan", "pan"}}, {"六", []string{"liu", "lu"}},
	{"乾", []string{"qian", "gan"}}, {"蔚", []string{"wei", "yu"}}, {"尉", []string{"wei", "yu"}},
	{"区", []string{"qu", "ou"}}, {"石", []string{"shi", "dan"}}, {"会", []string{"hui", "kuai"}},
	{"率", []string{"lu", "shuai"}}, {"薄", []string{"bo", "bao"}}, {"便", []string{"bian", "pian"}},
	{"差", []string{"cha", "chai"}}, {"降", []string{"jiang", "xiang"}}, {"宿", []string{"su", "xiu"}},
	{"翟", []string{"zhai", "di"}}, {"仇", []string{"qiu", "chou"}}, {"朴", []string{"pu", "piao"}},
	{"缪", []string{"miao", "mou"}}, {"秘", []string{"mi", "bi"}}, {"员", []string{"yuan", "yun"}},
	{"角", []string{"jiao", "jue"}}, {"校", []string{"xiao", "jiao"}}, {"系", []string{"xi", "ji"}},
	{"车", []string{"che", "ju"}}, {"乘", []string{"cheng", "sheng"}}, {"弹", []string{"dan", "tan"}},
	{"地", []string{"di", "de"}}, {"万", []string{"wan", "mo"}}, {"柏", []string{"bai", "bo"}},
	{"阿", []string{"a", "e"}}, {"蚌", []string{"bang", "beng"}}, {"叶", []string{"ye", "xie"}},
	{"说", []string{"shuo", "shui"}}, {"落", []string{"luo", "la"}}, {"没", []string{"mei", "mo"}},
	{"给", []string{"gei", "ji"}}, {"着", []string{"zhe", "zhuo"}}, {"觉", []string{"jue", "jiao"}},
	{"泊", []string{"bo", "po"}}, {"模", []string{"mo", "mu"}}, {"露", []string{"lu", "lou"}},
	{"圈", []string{"quan", "juan"}}, {"折", []string{"zhe", "she"}}, {"还", []string{"hai", "huan"}},
	{"殷", []string{"yin", "yan"}}, {"召", []string{"zhao", "shao"}}, {"洗", []string{"xi", "xian"}},
	{"莘", []string{"xin", "shen"}}, {"覃", []string{"qin", "tan"}}, {"盖", []string{"gai", "ge"}},
	{"期", []string{"qi", "ji"}}, {"汤", []string{"tang", "shang"}}, {"沈", []string{"shen"}},
	{"华", []string{"hua"}}, {"兴", []string{"xing"}}, {"发", []string{"fa"}},
}

// traditionalPairs maps traditional Chinese (and Japanese) forms of
// characters common in company names to their simplified forms: each
// pair is the traditional character, the simplified one and a space
// (831 pairs). Characters written alike in both need no pair.
const traditionalPairs = "" +
	"萬万 與与 專专 業业 東东 絲丝 兩两 嚴严 個个 豐丰 臨临 為为 麗丽 舉举 義义 烏乌 樂乐 喬乔 習习 " +
	"鄉乡 書书 買买 亂乱 爭争 虧亏 雲云 亞亚 產产 産产 畝亩 親亲 億亿 僅仅 從从 侖仑 倉仓 儀仪 們们 " +
	"價价 眾众 衆众 優优 夥伙 會会 傘伞 偉伟 傳传 傷伤 倫伦 偽伪 體体 餘余 傭佣 俠侠 偵侦 側侧 僑侨 " +
	"係系 倆俩 儉俭 債债 傾倾 僕仆 兇凶 兌兑 兒儿 黨党 蘭兰 關关 興兴 養养 獸兽 內内 岡冈 冊册 寫写 " +
	"軍军 農农 馮冯 決决 況况 凍冻 淨净 涼凉 減减 幾几 鳳凤 憑凭 凱凯 擊击 劃划 劉刘 則则 剛刚 創创 " +
	"刪删 別别 劑剂 劇剧 勸劝 辦办 務务 動动 勵励 勁劲 勞劳 勢势 勳勋 勻匀 匯汇 滙汇 彙汇 區区 醫医 " +
	"華华 協协 單单 賣卖 盧卢 衛卫 卻却 廠厂 廳厅 曆历 歷历 厲厉 壓压 縣县 參参 雙双 發发 髮发 變变 " +
	"臺台 檯台 颱台 葉叶 號号 嘆叹 嚇吓 呂吕 噸吨 聽听 啟启 吳吴 員员 詠咏 喪丧 團团 園园 圍围 圖图 " +
	"圓圆 聖圣 場场 壞坏 塊块 堅坚 壇坛 壩坝 墾垦 執执 報报 塗涂 堯尧 墊垫 鹽盐 壺壶 處处 備备 複复 " +
	"復复 夠够 頭头 夾夹 奪夺 奮奋 獎奖 婦妇 媽妈 嬰婴 學学 孫孙 寧宁 寶宝 實实 寵宠 審审 憲宪 寬宽 " +
	"賓宾 對对 尋寻 導导 將将 爾尔 塵尘 嘗尝 層层 屬属 歲岁 島岛 嶺岭 嶽岳 崗岗 幣币 師师 帳帐 帶带 " +
	"幫帮 幹干 廣广 莊庄 慶庆 廬庐 庫库 應应 廟庙 廢废 開开 異异 棄弃 張张 彌弥 彎弯 彈弹 強强 歸归 " +
	"當当 錄录 徹彻 徑径 後后 徵征 禦御 憶忆 誌志 憂忧 懷怀 態态 總总 戀恋 懇恳 惡恶 慘惨 懲惩 戲戏 " +
	"戰战 戶户 撲扑 擴扩 掃扫 揚扬 擾扰 撫抚 搶抢 護护 擔担 擬拟 揀拣 擁拥 擇择 掛挂 擠挤 揮挥 損损 " +
	"換换 據据 攜携 搖摇 攝摄 擺摆 敵敌 數数 齋斋 斬斩 斷断 無无 舊旧 時时 曠旷 晝昼 顯显 晉晋 曬晒 " +
	"曉晓 暫暂 暢畅 術术 機机 殺杀 雜杂 權权 條条 來来 楊杨 極极 構构 槍枪 櫃柜 標标 欄栏 樹树 棟栋 " +
	"樣样 檔档 橋桥 樺桦 檢检 樓楼 榮荣 歡欢 歐欧 殘残 殼壳 毀毁 畢毕 氣气 漢汉 湯汤 溝沟 沒没 滬沪 " +
	"濟济 淺浅 測测 渾浑 濃浓 濤涛 潤润 漲涨 淵渊 漁渔 溫温 灣湾 濕湿 滿满 濾滤 濱滨 潔洁 灑洒 滅灭 " +
	"燈灯 靈灵 爐炉 點点 煉炼 燒烧 熱热 煥焕 營营 燦灿 爺爷 牽牵 犧牺 狀状 獨独 獄狱 獅狮 環环 現现 " +
	"瑪玛 瓏珑 電电 畫画 療疗 盜盗 盡尽 監监 盤盘 礦矿 碼码 磚砖 確确 礎础 禮礼 禍祸 祿禄 離离 種种 " +
	"稱称 積积 穩稳 窮穷 競竞 筆笔 築筑 節节 範范 簡简 籃篮 類类 糧粮 緊紧 糾纠 紅红 紀纪 約约 級级 " +
	"紡纺 紐纽 純纯 紙纸 紋纹 納纳 線线 練练 組组 細细 織织 終终 紹绍 經经 綁绑 結结 給给 絡络 統统 " +
	"絕绝 繼继 績绩 緒绪 續续 維维 綿绵 綜综 綠绿 緣缘 編编 縮缩 網网 羅罗 罰罚 聯联 聰聪 聲声 職职 " +
	"肅肃 腦脑 膽胆 勝胜 脈脉 腳脚 艦舰 艙舱 藝艺 蘇苏 蘋苹 蘿萝 蔣蒋 藍蓝 藥药 蟲虫 衝冲 補补 裝装 " +
	"製制 襲袭 覽览 覺觉 觀观 規规 視视 計计 訂订 認认 討讨 讓让 訓训 議议 記记 講讲 許许 論论 設设 " +
	"訪访 證证 評评 識识 詞词 譯译 試试 詩诗 誠诚 話话 詳详 語语 誤误 說说 讀读 課课 調调 談谈 請请 " +
	"諸诸 諾诺 謀谋 謝谢 謹谨 譽誉 訊讯 貝贝 負负 財财 責责 賢贤 敗败 貨货 質质 販贩 購购 貫贯 貴贵 " +
	"費费 貿贸 資资 賈贾 賞赏 賬账 贊赞 趙赵 躍跃 車车 軌轨 軒轩 轉转 輪轮 軟软 輕轻 載载 較较 輔辅 " +
	"輛辆 輝辉 輸输 轄辖 辭辞 邊边 遼辽 達达 遷迁 過过 邁迈 運运 還还 這这 進进 遠远 違违 連连 遲迟 " +
	"適适 選选 遞递 鄧邓 鄭郑 鄰邻 鄒邹 釀酿 釋释 裡里 裏里 鑒鉴 針针 鋼钢 鉛铅 鐵铁 錢钱 鑽钻 銀银 " +
	"銅铜 鋁铝 銷销 鋒锋 鋰锂 鋪铺 鏈链 鎖锁 錯错 錫锡 鍵键 鎮镇 鏡镜 鐘钟 鍾钟 長长 門门 閃闪 閉闭 " +
	"問问 閒闲 間间 閣阁 閥阀 閩闽 閱阅 闊阔 隊队 陽阳 陰阴 陣阵 階阶 際际 陸陆 隴陇 陳陈 險险 隨随 " +
	"隱隐 雞鸡 難难 霧雾 靜静 韓韩 頁页 頂顶 項项 順顺 須须 預预 領领 頻频 題题 顏颜 額额 顧顾 風风 " +
	"飛飞 飯饭 飲饮 館馆 飾饰 馬马 駐驻 駕驾 驗验 騰腾 驅驱 驚惊 鬆松 鬥斗 魚鱼 魯鲁 鮮鲜 鳥鸟 鳴鸣 " +
	"鴻鸿 鵬鹏 鶴鹤 鷹鹰 麥麦 黃黄 齊齐 齒齿 龍龙 龐庞 龜龟 壽寿 粵粤 陝陕 濰潍 瀋沈 錦锦 銳锐 駿骏 " +
	"聞闻 儲储 廈厦 蘊蕴 碩硕 頓顿 國国 緬缅 薩萨 諮咨 詢询 煙烟 敘叙 敍叙 貓猫 崑昆 " +
	// Japanese forms (shinjitai) that differ from both.
	"気气 広广 発发 総总 売卖 楽乐 県县 沢泽 浜滨 関关 証证 険险 銭钱 転转 軽轻 伝传 実实 薬药 営营 " +
	"栄荣 経经 済济 団团 図图 圧压 徳德 戦战 辺边 両两 読读 説说 歳岁 応应 単单 鉱矿 竜龙 亜亚 " +
	"円圆 桜樱 価价 拡扩 覚觉 観观 帰归 権权 検检 顕显 効效 黒黑 歯齿 児儿 従从 縦纵 処处 焼烧 乗乘 " +
	"浄净 粋粹 摂摄 専专 荘庄 捜搜 挿插 巣巢 騒骚 増增 蔵藏 贈赠 臓脏 続续 対对 帯带 択择 弾弹 遅迟 " +
	"鋳铸 庁厅 徴征 聴听 逓递 鉄铁 闘斗 縄绳 悩恼 脳脑 廃废 抜拔 晩晚 併并 並并 餅饼 変变 歩步 豊丰 " +
	"訳译 揺摇 様样 頼赖 覧览 猟猎 緑绿 涙泪 塁垒 霊灵 齢龄 暦历 歴历 錬炼 労劳 録录 駅驿 鶏鸡 撃击 " +
	"倹俭 剣剑 圏圈 厳严 穀谷 砕碎 斎斋 剤剂 雑杂 賛赞 糸丝 釈释 収收 渋涩 獣兽 粛肃 奨奖 渉涉 剰剩 " +
	"壌壤 嬢娘 醸酿 髄髓 瀬濑 斉齐 戯戏 犠牺 拠据 挙举 暁晓 駆驱 恵惠 掲揭 渓溪 蛍萤 継继 験验 "
