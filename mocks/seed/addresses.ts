import type { DealerDoc } from '../../shared/models';
import type { Address } from '../../shared/orders';
import type { WithId } from './catalog';
import type { Rng } from './rng';

/**
 * Delivery addresses of the demo dealers: the owner as consignee, a real province, city and
 * district for the dealer's city, and a made-up street and warehouse. One address per dealer,
 * used by every seeded order of that dealer.
 */
const MUNICIPALITIES = new Set(['北京', '上海', '天津', '重庆']);

const PROVINCE_OF: Record<string, string> = {
  杭州: '浙江省',
  宁波: '浙江省',
  温州: '浙江省',
  绍兴: '浙江省',
  嘉兴: '浙江省',
  南京: '江苏省',
  苏州: '江苏省',
  无锡: '江苏省',
  合肥: '安徽省',
  福州: '福建省',
  厦门: '福建省',
  济南: '山东省',
  青岛: '山东省',
  广州: '广东省',
  佛山: '广东省',
  深圳: '广东省',
  东莞: '广东省',
  珠海: '广东省',
  汕头: '广东省',
  惠州: '广东省',
  中山: '广东省',
  南宁: '广西壮族自治区',
  柳州: '广西壮族自治区',
  桂林: '广西壮族自治区',
  海口: '海南省',
  石家庄: '河北省',
  唐山: '河北省',
  保定: '河北省',
  太原: '山西省',
  沈阳: '辽宁省',
  大连: '辽宁省',
  哈尔滨: '黑龙江省',
  长春: '吉林省',
  呼和浩特: '内蒙古自治区',
  成都: '四川省',
  绵阳: '四川省',
  宜宾: '四川省',
  南充: '四川省',
  昆明: '云南省',
  曲靖: '云南省',
  贵阳: '贵州省',
  遵义: '贵州省',
  武汉: '湖北省',
  宜昌: '湖北省',
  襄阳: '湖北省',
  郑州: '河南省',
  洛阳: '河南省',
  长沙: '湖南省',
  株洲: '湖南省',
  岳阳: '湖南省',
  南昌: '江西省',
  九江: '江西省',
};

/** A few districts (or towns, where the city has none) of each city, on the outskirts where depots are. */
const DISTRICTS: Record<string, string[]> = {
  杭州: ['余杭区', '萧山区', '拱墅区'],
  上海: ['闵行区', '嘉定区', '浦东新区'],
  南京: ['江宁区', '栖霞区'],
  苏州: ['吴中区', '相城区'],
  宁波: ['鄞州区', '北仑区'],
  无锡: ['惠山区', '新吴区'],
  温州: ['鹿城区', '瓯海区'],
  合肥: ['蜀山区', '包河区'],
  福州: ['仓山区', '晋安区'],
  厦门: ['湖里区', '集美区'],
  济南: ['历城区', '槐荫区'],
  青岛: ['城阳区', '李沧区'],
  绍兴: ['柯桥区', '越城区'],
  嘉兴: ['南湖区', '秀洲区'],
  广州: ['白云区', '番禺区'],
  佛山: ['南海区', '顺德区'],
  南宁: ['西乡塘区', '江南区'],
  深圳: ['宝安区', '龙岗区'],
  东莞: ['南城街道', '长安镇'],
  珠海: ['香洲区', '金湾区'],
  汕头: ['龙湖区', '金平区'],
  海口: ['龙华区', '美兰区'],
  柳州: ['柳南区', '鱼峰区'],
  惠州: ['惠城区', '惠阳区'],
  中山: ['火炬开发区', '小榄镇'],
  桂林: ['七星区', '临桂区'],
  北京: ['朝阳区', '丰台区', '大兴区'],
  天津: ['西青区', '东丽区'],
  石家庄: ['裕华区', '长安区'],
  太原: ['小店区', '万柏林区'],
  沈阳: ['于洪区', '浑南区'],
  大连: ['甘井子区', '沙河口区'],
  哈尔滨: ['道里区', '香坊区'],
  长春: ['朝阳区', '绿园区'],
  唐山: ['路北区', '丰南区'],
  呼和浩特: ['赛罕区', '新城区'],
  保定: ['竞秀区', '莲池区'],
  成都: ['武侯区', '新都区'],
  重庆: ['渝北区', '九龙坡区'],
  昆明: ['官渡区', '五华区'],
  贵阳: ['南明区', '观山湖区'],
  绵阳: ['涪城区', '游仙区'],
  遵义: ['汇川区', '红花岗区'],
  宜宾: ['翠屏区', '叙州区'],
  曲靖: ['麒麟区', '沾益区'],
  南充: ['顺庆区', '高坪区'],
  武汉: ['东西湖区', '洪山区'],
  郑州: ['金水区', '管城回族区'],
  长沙: ['雨花区', '开福区'],
  南昌: ['青山湖区', '西湖区'],
  洛阳: ['洛龙区', '涧西区'],
  宜昌: ['西陵区', '伍家岗区'],
  株洲: ['荷塘区', '天元区'],
  襄阳: ['樊城区', '襄州区'],
  九江: ['濂溪区', '浔阳区'],
  岳阳: ['岳阳楼区', '云溪区'],
};

const ROADS = ['建设路', '人民路', '解放路', '中山路', '工业大道', '物流园路', '商贸大道', '发展大道', '兴业路', '振兴路', '滨河路', '创业路'];
/** What follows the street number; `#` is a unit number. */
const PLACES = ['仓库', ' 1 号仓库', ' 2 号仓库', ' 物流园 A 区 # 号', ' 物流园 C 区 # 号', ' 食品批发市场 # 号', ' 副食品城 # 号', ' 商贸城 B 区 # 号'];

/** The dealer's delivery address (deterministic in the dealer and the generator). */
export function dealerAddress(rng: Rng, dealer: WithId<DealerDoc>): Address {
  const r = rng.fork(`address:${dealer._id}`);
  const municipality = MUNICIPALITIES.has(dealer.city);
  const city = `${dealer.city}市`;
  const province = municipality ? city : PROVINCE_OF[dealer.city];
  const districts = DISTRICTS[dealer.city];
  if (!province || !districts) throw new Error(`seed: no address data for city ${dealer.city}`);
  const detail = `${r.pick(ROADS)} ${r.int(1, 388)} 号${r.pick(PLACES).replace('#', String(r.int(1, 60)))}`;
  return { name: dealer.contactName, mobile: dealer.contactMobile, province, city, district: r.pick(districts), detail };
}
