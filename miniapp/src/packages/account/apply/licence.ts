import { pickAndUploadPhoto } from '../../../services/upload';

/** A photo of the business licence, which the application carries by its fileID. */
export const pickAndUploadLicence = () => pickAndUploadPhoto('licences');
