// The PC portal: the H5 build's wide layout (≥ 1280 px), loaded once for every page. See styles/portal.scss.
import '../styles/portal.scss';
