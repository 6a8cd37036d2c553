/** What a clerk is told about a coupon code they cannot redeem here (coupon and redeem say it alike). */
export const NOT_A_COUPON = '券码无效，请核对后重新输入或扫描';
export const OTHER_STORE = '这张券是其他门店发放的，请到领券门店核销';
